import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { AccountSession } from '../account/account-service';

export interface UserSummary {
  id: string;
  username: string;
  roles: string[];
  enabled: boolean;
  createdAt: string;
}

export interface PageOf<T> {
  content: T[];
  page: { number: number; size: number; totalElements: number; totalPages: number };
}

export interface CreatedUser extends UserSummary {
  temporary_password?: string;
}

export interface ThrottleBlock {
  kind: 'pair' | 'account' | 'address';
  /** Null for an address, and for a typed name that is no account (it may be a password in the wrong field). */
  username: string | null;
  address: string | null;
  failures: number;
  blockedUntil: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  clientAddress: string;
  action: string;
  target: string;
  detail: string | null;
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  page: number;
}

/** The gateway's admin API; the interceptor adds the access token, the gateway checks the admin's account. */
@Injectable({ providedIn: 'root' })
export class AdminService {
  private readonly http = inject(HttpClient);

  usersUrl(query: string, page: number): string {
    return `/auth/admin/users?${new HttpParams({ fromObject: { q: query, page, size: 10 } })}`;
  }

  sessionsUrl(userId: string): string {
    return `/auth/admin/users/${encodeURIComponent(userId)}/sessions`;
  }

  throttlesUrl(): string {
    return '/auth/admin/throttles';
  }

  auditUrl(query: AuditQuery): string {
    const params: Record<string, string | number> = { page: query.page, size: 20 };
    for (const key of ['action', 'actor', 'target', 'from', 'to'] as const) {
      const value = query[key]?.trim();
      if (value) {
        params[key] = key === 'from' || key === 'to' ? new Date(value).toISOString() : value;
      }
    }
    return `/auth/admin/audit?${new HttpParams({ fromObject: params })}`;
  }

  create(username: string, role: string): Observable<CreatedUser> {
    return this.http.post<CreatedUser>('/auth/admin/users', { username, roles: [role] });
  }

  setEnabled(user: UserSummary, enabled: boolean): Observable<UserSummary> {
    return this.http.post<UserSummary>(
      `/auth/admin/users/${user.id}/${enabled ? 'enable' : 'disable'}`,
      null,
    );
  }

  setRole(user: UserSummary, role: string): Observable<UserSummary> {
    return this.http.put<UserSummary>(`/auth/admin/users/${user.id}/roles`, { roles: [role] });
  }

  resetPassword(user: UserSummary): Observable<{ temporary_password: string }> {
    return this.http.post<{ temporary_password: string }>(
      `/auth/admin/users/${user.id}/password-reset`,
      null,
    );
  }

  removeSecondFactors(user: UserSummary): Observable<void> {
    return this.http.delete<void>(`/auth/admin/users/${user.id}/mfa`);
  }

  endSessions(user: UserSummary): Observable<{ revoked: number }> {
    return this.http.delete<{ revoked: number }>(`/auth/admin/users/${user.id}/sessions`);
  }

  clearThrottle(filter: { username?: string; address?: string }): Observable<void> {
    return this.http.delete<void>('/auth/admin/throttles', { params: filter });
  }
}

export type { AccountSession };
