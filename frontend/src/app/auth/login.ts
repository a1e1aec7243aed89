import { HttpErrorResponse } from '@angular/common/http';
import { Component, OnDestroy, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthService, SecondStep, changeTokenOf, enrolmentTokenOf, secondStepOf } from '../core/auth-service';
import { FeaturesService } from '../core/features-service';
import { Passkeys, cancelledByUser } from '../core/passkeys';
import { problemMessage } from '../core/problem';
import { SecondStepForm } from '../core/second-step';
import { RequiredEnrolment } from './required-enrolment';

@Component({
  selector: 'app-login',
  imports: [FormsModule, RouterLink, RequiredEnrolment, SecondStepForm],
  templateUrl: './login.html',
})
export class Login implements OnDestroy {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly passkeys = inject(Passkeys);
  protected readonly features = inject(FeaturesService).switchedOn;
  protected readonly passkeysOffered = computed(() => this.features().passkeys && this.passkeys.supported);

  protected username = '';
  protected password = '';
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly expired = this.route.snapshot.queryParamMap.has('expired');
  /** Set when the password was right but temporary: the user must choose a new one before anything else. */
  protected readonly changeToken = signal<string | null>(null);
  /** Set when the password was right and the account has a second factor: it comes next. */
  protected readonly secondStep = signal<SecondStep | null>(null);
  /** Set when the password was right and the account's role requires a second factor it lacks. */
  protected readonly enrolmentToken = signal<string | null>(null);
  protected newPassword = '';
  protected confirmation = '';

  private autofilling = false;

  constructor() {
    // the passkeys this browser knows for the site, offered in the username field's autofill once the server
    // says passkeys are on
    effect(() => {
      if (this.passkeysOffered()) {
        untracked(() => this.startAutofill());
      }
    });
  }

  private startAutofill(): void {
    if (this.autofilling) {
      return;
    }
    this.autofilling = true;
    this.passkeys.autofill().then(
      (used) => {
        this.autofilling = false;
        if (used) {
          this.done();
        }
      },
      (error: unknown) => {
        this.autofilling = false;
        if (refusedAnswer(error)) {
          // the user picked a passkey the gateway refused (a ceremony left open too long, a removed passkey):
          // say so, and offer the passkeys again with a fresh ceremony
          this.error.set(problemMessage(error));
          this.startAutofill();
        }
      },
    );
  }

  ngOnDestroy(): void {
    this.passkeys.cancel();
  }

  protected submit(): void {
    this.busy.set(true);
    this.error.set(null);
    this.auth.login(this.username, this.password).subscribe({
      next: () => this.done(),
      error: (error: unknown) => {
        this.busy.set(false);
        this.password = '';
        if (!this.nextStep(error)) {
          // the server's 401 deliberately does not say whether the username or the password was wrong
          this.error.set(problemMessage(error));
        }
      },
    });
  }

  protected signInWithPasskey(): void {
    this.busy.set(true);
    this.error.set(null);
    this.passkeys.signIn().then(
      () => this.done(),
      (error: unknown) => {
        this.busy.set(false);
        if (!cancelledByUser(error)) {
          this.error.set(
            error instanceof HttpErrorResponse ? problemMessage(error) : 'The passkey could not be used.',
          );
        }
        // this ceremony ended the autofill's: offer the passkeys there again
        this.startAutofill();
      },
    );
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
        // the new password is set; a second factor, had or required, still comes
        if (this.nextStep(error)) {
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

  /** Back to the password, after a second step whose token is used up. */
  protected restart(message: string): void {
    this.secondStep.set(null);
    this.enrolmentToken.set(null);
    this.error.set(message);
    if (this.passkeysOffered()) {
      this.startAutofill();
    }
  }

  protected done(): void {
    this.busy.set(false);
    void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
  }

  /** Whether the answer asks for another step, which is then shown. */
  private nextStep(error: unknown): boolean {
    const changeToken = changeTokenOf(error);
    const secondStep = secondStepOf(error);
    const enrolmentToken = enrolmentTokenOf(error);
    if (changeToken === null && secondStep === null && enrolmentToken === null) {
      return false;
    }
    this.changeToken.set(changeToken);
    this.secondStep.set(secondStep);
    this.enrolmentToken.set(enrolmentToken);
    // the password was right: a passkey alone is no longer the way in, and the autofill's request would
    // hold the authenticator the next step asks for
    this.passkeys.cancel();
    return true;
  }
}

/** The gateway refused the passkey's answer; not a failure to reach it or to start the ceremony. */
function refusedAnswer(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}

/** Only paths inside this app: an absolute or protocol-relative URL here would be an open redirect. */
export function safeReturnUrl(returnUrl: string | null): string {
  return returnUrl?.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.startsWith('/\\')
    ? returnUrl
    : '/my-data';
}
