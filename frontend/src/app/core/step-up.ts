import { Injectable, signal } from '@angular/core';

/**
 * Asks the user to confirm who they are when the gateway wants a more recent log-in (RFC 9470) for a
 * change: the step-up dialog shows while a question is open, and the request that needed it waits for the
 * answer. Concurrent requests share one question.
 */
@Injectable({ providedIn: 'root' })
export class StepUp {
  readonly asking = signal(false);
  private answer: Promise<boolean> | null = null;
  private settle: ((confirmed: boolean) => void) | null = null;

  /** Resolves true once the user has logged in again, false when they cancel. */
  confirm(): Promise<boolean> {
    if (this.answer === null) {
      this.answer = new Promise<boolean>((resolve) => (this.settle = resolve));
      this.asking.set(true);
    }
    return this.answer;
  }

  /** Called by the dialog: logged in again (true) or cancelled (false). */
  answered(confirmed: boolean): void {
    this.asking.set(false);
    const settle = this.settle;
    this.answer = null;
    this.settle = null;
    settle?.(confirmed);
  }
}
