import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';

import { AuthService, SecondStep } from './auth-service';
import { Passkeys, cancelledByUser } from './passkeys';
import { problemMessage } from './problem';

type Method = 'passkey' | 'totp' | 'recovery_code';

/**
 * The second step of a login, after a right password: a passkey, a code from the authenticator app or a
 * recovery code, whichever the account has. Shared by the login page and the "Confirm it's you" dialog.
 */
@Component({
  selector: 'app-second-step',
  imports: [FormsModule],
  templateUrl: './second-step.html',
})
export class SecondStepForm {
  private readonly auth = inject(AuthService);
  private readonly passkeys = inject(Passkeys);
  readonly step = input.required<SecondStep>();
  /** The login is complete. */
  readonly completed = output<void>();
  /** The step's token is used up or expired: the password is needed again. */
  readonly restart = output<string>();

  private readonly chosen = signal<Method | null>(null);
  /** The account's methods this browser can use; a passkey needs WebAuthn. */
  protected readonly offered = computed<Method[]>(() =>
    this.step().methods.filter(
      (m): m is Method => m === 'totp' || m === 'recovery_code' || (m === 'passkey' && this.passkeys.supported),
    ),
  );
  protected readonly method = computed<Method | undefined>(() => this.chosen() ?? this.offered()[0]);
  protected readonly labels = METHOD_LABELS;
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected code = '';

  protected choose(method: Method): void {
    this.chosen.set(method);
    this.error.set(null);
    this.code = '';
  }

  protected verify(): void {
    const code = this.code.trim();
    const proof = this.method() === 'recovery_code' ? { recovery_code: code } : { totp: code };
    this.finish(firstValueFrom(this.auth.completeMfa(this.step().mfaToken, proof)));
  }

  protected usePasskey(): void {
    this.finish(this.passkeys.secondStep(this.step().mfaToken));
  }

  private finish(attempt: Promise<unknown>): void {
    this.busy.set(true);
    this.error.set(null);
    attempt.then(
      () => {
        this.busy.set(false);
        this.completed.emit();
      },
      (error: unknown) => {
        this.busy.set(false);
        this.code = '';
        if (cancelledByUser(error)) {
          return;
        }
        const message = error instanceof HttpErrorResponse ? problemMessage(error) : 'The passkey could not be used.';
        if (stepUsedUp(error)) {
          this.restart.emit(message);
          return;
        }
        this.error.set(message);
      },
    );
  }
}

/** The step's token is used up, expired or out of attempts (RFC 6749's invalid_grant): log in again. */
function stepUsedUp(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 401 &&
    (error.error as { error?: string } | null)?.error === 'invalid_grant'
  );
}

/** What each method is called where the user picks one. */
export const METHOD_LABELS: Record<Method, string> = {
  passkey: 'Use a passkey',
  totp: 'Use the authenticator app',
  recovery_code: 'Use a recovery code',
};
