import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Observable } from 'rxjs';

import { deviceOf } from '../account/account-service';
import { problemMessage } from '../core/problem';
import { Pager } from '../data/pager';
import { AccountSession, AdminService, PageOf, UserSummary } from './admin-service';

/**
 * Users: search and page through them, create one, and per user: disable or enable, make admin or user,
 * reset the password, remove the second factor, end the sessions, see the sessions.
 */
@Component({
  selector: 'app-admin-users',
  imports: [DatePipe, FormsModule, Pager],
  templateUrl: './admin-users.html',
})
export class AdminUsers {
  private readonly admin = inject(AdminService);
  protected readonly query = signal('');
  protected readonly page = signal(0);
  protected readonly users = httpResource<PageOf<UserSummary>>(() =>
    this.admin.usersUrl(this.query(), this.page()),
  );
  protected readonly selected = signal<UserSummary | null>(null);
  protected readonly sessions = httpResource<AccountSession[]>(() => {
    const user = this.selected();
    return user ? this.admin.sessionsUrl(user.id) : undefined;
  });
  protected newUsername = '';
  protected newRole = 'USER';
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly deviceOf = deviceOf;

  protected search(query: string): void {
    this.page.set(0);
    this.query.set(query);
  }

  protected create(): void {
    this.run(this.admin.create(this.newUsername.trim(), this.newRole), (created) => {
      this.newUsername = '';
      return `Created ${created.username}. Temporary password: ${created.temporary_password}`;
    });
  }

  protected setEnabled(user: UserSummary, enabled: boolean): void {
    this.run(
      this.admin.setEnabled(user, enabled),
      () => `${user.username} ${enabled ? 'enabled' : 'disabled'}.`,
    );
  }

  protected setRole(user: UserSummary, role: string): void {
    this.run(this.admin.setRole(user, role), () => `${user.username} is now ${role}.`);
  }

  protected resetPassword(user: UserSummary): void {
    this.run(
      this.admin.resetPassword(user),
      (reset) => `New temporary password for ${user.username}: ${reset.temporary_password}`,
    );
  }

  protected removeSecondFactors(user: UserSummary): void {
    this.run(
      this.admin.removeSecondFactors(user),
      () => `${user.username} logs in with a password alone now.`,
    );
  }

  protected endSessions(user: UserSummary): void {
    this.run(
      this.admin.endSessions(user),
      (ended) => `${ended.revoked} session(s) of ${user.username} ended.`,
    );
  }

  private run<T>(action: Observable<T>, said: (result: T) => string): void {
    this.notice.set(null);
    this.error.set(null);
    action.subscribe({
      next: (result) => {
        this.notice.set(said(result));
        this.users.reload();
        this.sessions.reload();
      },
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}
