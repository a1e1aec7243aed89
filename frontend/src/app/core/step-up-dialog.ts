import { HttpErrorResponse } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { AuthService, mfaTokenOf } from './auth-service';
import { problemMessage } from './problem';
import { StepUp } from './step-up';

/** "Confirm it's you": the password again, and the authenticator's code when the account has one. */
@Component({
  selector: 'app-step-up-dialog',
  imports: [FormsModule],
  templateUrl: './step-up-dialog.html',
})
export class StepUpDialog {
  private readonly auth = inject(AuthService);
  protected readonly stepUp = inject(StepUp);
  protected readonly username = this.auth.username;
  protected readonly mfaToken = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly useRecoveryCode = signal(false);
  protected password = '';
  protected code = '';

  protected submit(): void {
    this.busy.set(true);
    this.error.set(null);
    const mfaToken = this.mfaToken();
    const attempt =
      mfaToken === null
        ? this.auth.login(this.username() ?? '', this.password)
        : this.auth.completeMfa(
            mfaToken,
            this.useRecoveryCode()
              ? { recovery_code: this.code.trim() }
              : { totp: this.code.trim() },
          );
    attempt.subscribe({
      next: () => this.close(true),
      error: (error: unknown) => {
        this.busy.set(false);
        const next = mfaTokenOf(error);
        if (next !== null) {
          this.mfaToken.set(next);
          return;
        }
        this.error.set(problemMessage(error));
        this.code = '';
        if (mfaToken !== null && error instanceof HttpErrorResponse && error.status === 401) {
          // a wrong code, or a second-step token that is used up: start again from the password
          this.mfaToken.set(null);
          this.password = '';
        }
      },
    });
  }

  protected cancel(): void {
    this.close(false);
  }

  private close(confirmed: boolean): void {
    this.busy.set(false);
    this.password = '';
    this.code = '';
    this.mfaToken.set(null);
    this.useRecoveryCode.set(false);
    this.error.set(null);
    this.stepUp.answered(confirmed);
  }
}
