import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';

import { AuthService } from '../core/auth-service';
import { problemMessage } from '../core/problem';
import { Account, AccountService } from './account-service';
import { PasskeyList } from './passkey-list';
import { PasswordForm } from './password-form';
import { SecondFactor } from './second-factor';
import { SessionList } from './session-list';

/** The user's own account: who they are, their second factors, passkeys, password and sessions. */
@Component({
  selector: 'app-account-page',
  imports: [DatePipe, PasskeyList, PasswordForm, SecondFactor, SessionList],
  templateUrl: './account-page.html',
})
export class AccountPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly accounts = inject(AccountService);
  protected readonly account = httpResource<Account>(() => this.accounts.accountUrl);
  protected readonly scope = this.auth.scope;
  protected readonly error = signal<string | null>(null);

  protected logoutEverywhere(): void {
    this.auth.logoutEverywhere().subscribe({
      next: () => void this.router.navigateByUrl('/login'),
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}
