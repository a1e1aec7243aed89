import { Component, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';

import { problemMessage } from '../core/problem';
import { AccountService } from './account-service';

/** Changing one's password: the current one is required, and every other session ends. */
@Component({
  selector: 'app-password-form',
  imports: [FormsModule],
  templateUrl: './password-form.html',
})
export class PasswordForm {
  private readonly accounts = inject(AccountService);
  protected currentPassword = '';
  protected newPassword = '';
  protected confirmation = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly changed = signal(false);

  protected submit(form: NgForm): void {
    this.changed.set(false);
    if (this.newPassword !== this.confirmation) {
      this.error.set('The two new passwords differ.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.accounts.changePassword(this.currentPassword, this.newPassword).subscribe({
      next: () => {
        this.busy.set(false);
        this.changed.set(true);
        form.resetForm();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(problemMessage(error));
      },
    });
  }
}
