import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthService } from '../core/auth-service';
import { FeaturesService } from '../core/features-service';
import { problemMessage } from '../core/problem';

@Component({
  selector: 'app-login',
  imports: [FormsModule, RouterLink],
  templateUrl: './login.html',
})
export class Login {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly features = inject(FeaturesService).registration;

  protected username = '';
  protected password = '';
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly expired = this.route.snapshot.queryParamMap.has('expired');

  protected submit(): void {
    this.busy.set(true);
    this.error.set(null);
    this.auth.login(this.username, this.password).subscribe({
      next: () => {
        this.busy.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.password = '';
        // the server's 401 deliberately does not say whether the username or the password was wrong
        this.error.set(problemMessage(error));
      },
    });
  }
}

/** Only paths inside this app: an absolute or protocol-relative URL here would be an open redirect. */
export function safeReturnUrl(returnUrl: string | null): string {
  return returnUrl?.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/\\')
    ? returnUrl
    : '/my-data';
}
