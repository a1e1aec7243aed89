import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Component, OnInit, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { AuthService } from '../core/auth-service';
import { problemMessage } from '../core/problem';
import { qrDataUrl } from '../core/qr-code';

/**
 * The log-in of a user whose role requires a second factor they have not set up: an authenticator app first,
 * whose first code completes the log-in, then the recovery codes, shown once.
 */
@Component({
  selector: 'app-required-enrolment',
  imports: [FormsModule],
  templateUrl: './required-enrolment.html',
})
export class RequiredEnrolment implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  readonly mfaToken = input.required<string>();
  readonly completed = output<void>();
  /** The token is used up or expired: the password is needed again. */
  readonly restart = output<string>();

  protected readonly enrolment = signal<{ secret: string; qr: string } | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected code = '';

  ngOnInit(): void {
    this.http
      .post<{ secret: string; otpauth_uri: string }>('/auth/token/mfa/totp', { mfa_token: this.mfaToken() })
      .subscribe({
        next: (started) => this.enrolment.set({ secret: started.secret, qr: qrDataUrl(started.otpauth_uri) }),
        error: (error: unknown) => this.failed(error),
      });
  }

  protected confirm(): void {
    this.busy.set(true);
    this.error.set(null);
    this.auth.confirmEnrolment(this.mfaToken(), this.code.trim()).subscribe({
      next: (codes) => {
        this.busy.set(false);
        this.recoveryCodes.set(codes);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.code = '';
        this.failed(error);
      },
    });
  }

  private failed(error: unknown): void {
    if (error instanceof HttpErrorResponse && error.status === 401) {
      this.restart.emit(problemMessage(error));
      return;
    }
    this.error.set(problemMessage(error));
  }
}
