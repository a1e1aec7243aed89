import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';

import { problemMessage } from '../core/problem';
import { AdminService, ThrottleBlock } from './admin-service';

/** Who must wait before trying to log in again, and lifting that for an account or an address. */
@Component({
  selector: 'app-admin-throttles',
  imports: [DatePipe],
  templateUrl: './admin-throttles.html',
})
export class AdminThrottles {
  private readonly admin = inject(AdminService);
  protected readonly blocks = httpResource<ThrottleBlock[]>(() => this.admin.throttlesUrl());
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  protected clear(filter: { username?: string; address?: string }, what: string): void {
    this.notice.set(null);
    this.error.set(null);
    this.admin.clearThrottle(filter).subscribe({
      next: () => {
        this.notice.set(`Cleared ${what}.`);
        this.blocks.reload();
      },
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}
