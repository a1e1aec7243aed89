import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { AuthService, SecondStep, secondStepOf } from './auth-service';
import { problemMessage } from './problem';
import { SecondStepForm } from './second-step';
import { StepUp } from './step-up';

/**
 * "Confirm it's you": the password of the user who is logged in, and the second factor when the account has
 * one. Not a passkey alone: a passkey names its own user, who might be someone else on this device.
 */
@Component({
  selector: 'app-step-up-dialog',
  imports: [FormsModule, SecondStepForm],
  templateUrl: './step-up-dialog.html',
})
export class StepUpDialog {
  private readonly auth = inject(AuthService);
  protected readonly stepUp = inject(StepUp);
  protected readonly username = this.auth.username;
  protected readonly secondStep = signal<SecondStep | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected password = '';

  protected submit(): void {
    this.busy.set(true);
    this.error.set(null);
    this.auth.login(this.username() ?? '', this.password).subscribe({
      next: () => this.close(true),
      error: (error: unknown) => {
        this.busy.set(false);
        this.password = '';
        const next = secondStepOf(error);
        if (next !== null) {
          this.secondStep.set(next);
          return;
        }
        this.error.set(problemMessage(error));
      },
    });
  }

  /** Back to the password, after a second step whose token is used up. */
  protected restart(message: string): void {
    this.secondStep.set(null);
    this.error.set(message);
  }

  protected close(confirmed: boolean): void {
    this.busy.set(false);
    this.password = '';
    this.secondStep.set(null);
    this.error.set(null);
    this.stepUp.answered(confirmed);
  }
}
