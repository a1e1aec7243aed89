import { Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Observable } from 'rxjs';

import { problemMessage } from '../core/problem';
import { qrDataUrl } from '../core/qr-code';
import { Account, AccountService } from './account-service';

/**
 * The account's second factor: setting up an authenticator app (a QR code and the secret as text, confirmed
 * by a first code), its recovery codes (shown once), and removing it.
 */
@Component({
  selector: 'app-second-factor',
  imports: [FormsModule],
  templateUrl: './second-factor.html',
})
export class SecondFactor {
  private readonly accounts = inject(AccountService);
  readonly account = input.required<Account>();
  readonly changed = output<void>();

  protected readonly pending = signal<{ secret: string; qr: string } | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected code = '';

  protected start(): void {
    this.run(this.accounts.startTotp(), (enrolment) => {
      this.recoveryCodes.set(null);
      this.pending.set({ secret: enrolment.secret, qr: qrDataUrl(enrolment.otpauth_uri) });
    });
  }

  protected confirm(): void {
    this.run(this.accounts.confirmTotp(this.code.trim()), (confirmed) => {
      this.pending.set(null);
      this.code = '';
      this.recoveryCodes.set(confirmed.recovery_codes);
      this.changed.emit();
    });
  }

  protected newRecoveryCodes(): void {
    this.run(this.accounts.replaceRecoveryCodes(), (replaced) => {
      this.recoveryCodes.set(replaced.recovery_codes);
      this.changed.emit();
    });
  }

  protected remove(): void {
    this.run(this.accounts.removeTotp(), () => {
      this.recoveryCodes.set(null);
      this.changed.emit();
    });
  }

  private run<T>(action: Observable<T>, done: (result: T) => void): void {
    this.error.set(null);
    action.subscribe({
      next: done,
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}
