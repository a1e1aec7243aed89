import { Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The admin console: users, throttles and the audit log, each on its own page. */
@Component({
  selector: 'app-admin-console',
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <nav class="tabs" aria-label="Admin console">
      <a routerLink="users" routerLinkActive="active">Users</a>
      <a routerLink="throttles" routerLinkActive="active">Throttles</a>
      <a routerLink="audit" routerLinkActive="active">Audit log</a>
    </nav>
    <router-outlet />
  `,
})
export class AdminConsole {}
