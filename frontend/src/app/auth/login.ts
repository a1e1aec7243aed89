import { HttpErrorResponse } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthService, changeTokenOf, mfaTokenOf } from '../core/auth-service';
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
  /** Set when the password was right but temporary: the user must choose a new one before anything else. */
  protected readonly changeToken = signal<string | null>(null);
  /** Set when the password was right and the account has a second factor: its code comes next. */
  protected readonly mfaToken = signal<string | null>(null);
  protected readonly useRecoveryCode = signal(false);
  protected code = '';
  protected newPassword = '';
  protected confirmation = '';

  protected submit(): void {
    this.busy.set(true);
    this.error.set(null);
    this.auth.login(this.username, this.password).subscribe({
      next: () => this.done(),
      error: (error: unknown) => {
        this.busy.set(false);
        this.password = '';
        this.changeToken.set(changeTokenOf(error));
        this.mfaToken.set(mfaTokenOf(error));
        const nextStep = this.changeToken() !== null || this.mfaToken() !== null;
        // the server's 401 deliberately does not say whether the username or the password was wrong
        this.error.set(nextStep ? null : problemMessage(error));
      },
    });
  }

  protected choose(): void {
    const changeToken = this.changeToken();
    if (changeToken === null) {
      return;
    }
    if (this.newPassword !== this.confirmation) {
      this.error.set('The two passwords differ.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.auth.choosePassword(changeToken, this.newPassword).subscribe({
      next: () => this.done(),
      error: (error: unknown) => {
        this.busy.set(false);
        const mfaToken = mfaTokenOf(error);
        if (mfaToken !== null) {
          // the new password is set; an account with a second factor still shows it
          this.changeToken.set(null);
          this.mfaToken.set(mfaToken);
          return;
        }
        this.error.set(problemMessage(error));
        if (error instanceof HttpErrorResponse && error.status === 401) {
          // the change token expired or was used: log in with the temporary password again
          this.changeToken.set(null);
        }
      },
    });
  }

  protected verify(): void {
    const mfaToken = this.mfaToken();
    if (mfaToken === null) {
      return;
    }
    const code = this.code.trim();
    this.busy.set(true);
    this.error.set(null);
    this.auth.completeMfa(mfaToken, this.useRecoveryCode() ? { recovery_code: code } : { totp: code }).subscribe({
      next: () => this.done(),
      error: (error: unknown) => {
        this.busy.set(false);
        this.code = '';
        this.error.set(problemMessage(error));
      },
    });
  }

  private done(): void {
    this.busy.set(false);
    void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
  }
}

/** Only paths inside this app: an absolute or protocol-relative URL here would be an open redirect. */
export function safeReturnUrl(returnUrl: string | null): string {
  return returnUrl?.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/\\')
    ? returnUrl
    : '/my-data';
}
