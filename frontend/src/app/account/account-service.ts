import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { Observable } from 'rxjs';

/** The caller's account (GET /auth/account). */
export interface Account {
  id: string;
  username: string;
  roles: string[];
  createdAt: string;
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

/** One of the caller's sessions: a browser or device that stays logged in. */
export interface AccountSession {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  current: boolean;
}

/** One of the caller's passkeys. */
export interface AccountPasskey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The gateway's account endpoints; the interceptor adds the access token. */
@Injectable({ providedIn: 'root' })
export class AccountService {
  private readonly http = inject(HttpClient);

  readonly accountUrl = '/auth/account';
  readonly sessionsUrl = '/auth/account/sessions';
  readonly passkeysUrl = '/auth/account/passkeys';

  changePassword(currentPassword: string, newPassword: string): Observable<void> {
    return this.http.put<void>('/auth/account/password', { currentPassword, newPassword });
  }

  startTotp(): Observable<{ secret: string; otpauth_uri: string }> {
    return this.http.post<{ secret: string; otpauth_uri: string }>('/auth/account/totp', null);
  }

  confirmTotp(code: string): Observable<{ recovery_codes: string[] }> {
    return this.http.post<{ recovery_codes: string[] }>('/auth/account/totp/confirm', { code });
  }

  removeTotp(): Observable<void> {
    return this.http.delete<void>('/auth/account/totp');
  }

  replaceRecoveryCodes(): Observable<{ recovery_codes: string[] }> {
    return this.http.post<{ recovery_codes: string[] }>('/auth/account/recovery-codes', null);
  }

  passkeyOptions(): Observable<PublicKeyCredentialCreationOptionsJSON> {
    return this.http.post<PublicKeyCredentialCreationOptionsJSON>('/auth/account/passkeys/options', null);
  }

  addPasskey(name: string, credential: RegistrationResponseJSON): Observable<AccountPasskey> {
    return this.http.post<AccountPasskey>(this.passkeysUrl, { name, credential });
  }

  removePasskey(id: string): Observable<void> {
    return this.http.delete<void>(`${this.passkeysUrl}/${encodeURIComponent(id)}`);
  }

  endSession(id: string): Observable<void> {
    return this.http.delete<void>(`/auth/account/sessions/${encodeURIComponent(id)}`);
  }

  endOtherSessions(): Observable<void> {
    return this.http.delete<void>('/auth/account/sessions');
  }
}

/** "Firefox on Linux": enough to tell one's own devices apart, from what the browser said it was. */
export function deviceOf(userAgent: string | null): string {
  if (!userAgent) {
    return 'Unknown device';
  }
  const browser =
    [
      ['Edg/', 'Edge'],
      ['Firefox/', 'Firefox'],
      ['HeadlessChrome/', 'Headless Chrome'],
      ['Chrome/', 'Chrome'],
      ['Safari/', 'Safari'],
      ['curl/', 'curl'],
    ].find(([marker]) => userAgent.includes(marker))?.[1] ?? userAgent.split(/[ /]/)[0];
  const system = [
    ['Android', 'Android'],
    ['iPhone', 'iPhone'],
    ['iPad', 'iPad'],
    ['Windows', 'Windows'],
    ['Mac OS', 'macOS'],
    ['Linux', 'Linux'],
  ].find(([marker]) => userAgent.includes(marker))?.[1];
  return system ? `${browser} on ${system}` : browser;
}
