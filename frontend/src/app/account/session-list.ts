import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, computed, inject, signal } from '@angular/core';
import { Observable } from 'rxjs';

import { problemMessage } from '../core/problem';
import { AccountService, AccountSession, deviceOf } from './account-service';

/** The user's live sessions, this one marked, each of the others can be ended. */
@Component({
  selector: 'app-session-list',
  imports: [DatePipe],
  templateUrl: './session-list.html',
})
export class SessionList {
  private readonly accounts = inject(AccountService);
  protected readonly sessions = httpResource<AccountSession[]>(() => this.accounts.sessionsUrl);
  protected readonly others = computed(() =>
    this.sessions.hasValue()
      ? this.sessions.value().filter((session) => !session.current).length
      : 0,
  );
  protected readonly error = signal<string | null>(null);
  protected readonly deviceOf = deviceOf;

  protected end(session: AccountSession): void {
    this.run(this.accounts.endSession(session.id));
  }

  protected endOthers(): void {
    this.run(this.accounts.endOtherSessions());
  }

  private run(action: Observable<void>): void {
    this.error.set(null);
    action.subscribe({
      next: () => this.sessions.reload(),
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}
