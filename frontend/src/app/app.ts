import { Component, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { AuthService } from './core/auth-service';
import { StepUpDialog } from './core/step-up-dialog';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, StepUpDialog],
  templateUrl: './app.html',
})
export class App {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly isLoggedIn = this.auth.isLoggedIn;
  protected readonly username = this.auth.username;
  protected readonly isAdmin = this.auth.isAdmin;
  protected readonly logoutFailed = signal(false);

  /** A failed log-out keeps the session (the refresh cookie still works), so the user must be told and stay. */
  protected logout(): void {
    this.logoutFailed.set(false);
    this.auth.logout().subscribe({
      complete: () => void this.router.navigateByUrl('/'),
      error: () => this.logoutFailed.set(true),
    });
  }
}
