import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Pager } from '../data/pager';
import { AdminService, AuditEvent, AuditQuery, PageOf } from './admin-service';

/** The audit log: security events and admin actions, newest first, filtered by action, actor, target and time. */
@Component({
  selector: 'app-admin-audit',
  imports: [DatePipe, FormsModule, Pager],
  templateUrl: './admin-audit.html',
})
export class AdminAudit {
  private readonly admin = inject(AdminService);
  protected readonly filter: Omit<AuditQuery, 'page'> = {};
  protected readonly query = signal<AuditQuery>({ page: 0 });
  protected readonly events = httpResource<PageOf<AuditEvent>>(() =>
    this.admin.auditUrl(this.query()),
  );

  protected apply(): void {
    this.query.set({ ...this.filter, page: 0 });
  }

  protected show(page: number): void {
    this.query.update((query) => ({ ...query, page }));
  }
}
