import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, firstValueFrom, from, map, of, switchMap, tap, throwError } from 'rxjs';

import { TabSync } from './tab-sync';

/** The token response of the contract, in browser mode (the refresh token is in an HttpOnly cookie). */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_expires_in: number;
  scope: string;
}

export interface Session {
  accessToken: string;
  /** `DPoP` when the token is bound to this browser's key, else `Bearer`. */
  tokenType: string;
  username: string;
  scope: string;
  expiresAt: number;
  sessionExpiresAt: number;
}

/** Marks every auth call as browser mode, and proves to the gateway that it comes from this app. */
const BROWSER_MODE = new HttpHeaders({ 'X-Requested-With': 'XMLHttpRequest' });

/** Refresh when this share of the access token's lifetime has passed, well before it expires. */
const REFRESH_AT = 0.75;

/**
 * Who is logged in. The access token lives in this service's memory only: never in localStorage,
 * sessionStorage or a cookie that scripts can read. The refresh token is an HttpOnly cookie that only the
 * browser sends, to /auth only. After a reload the session is restored by a refresh with that cookie.
 * One refresh at a time: within the tab all callers share the one in flight, across tabs a Web Lock
 * serialises them and the new token is handed to the other tabs.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly tabs = inject(TabSync);
  private readonly session = signal<Session | null>(null);
  private refreshing: Promise<string | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  readonly isLoggedIn = computed(() => this.session() !== null);
  readonly username = computed(() => this.session()?.username ?? null);
  readonly scope = computed(() => this.session()?.scope ?? '');
  /** Whether to show the admin console; the gateway checks the account itself on every admin call. */
  readonly isAdmin = computed(() => this.scope().split(' ').includes('admin'));
  readonly expiresAt = computed(() => this.session()?.expiresAt ?? null);
  readonly sessionExpiresAt = computed(() => this.session()?.sessionExpiresAt ?? null);

  constructor() {
    this.tabs.onMessage((message) => {
      if (message.type === 'logout') {
        this.end();
      } else {
        this.start({
          accessToken: message.accessToken,
          tokenType: message.tokenType,
          expiresAt: message.expiresAt,
          sessionExpiresAt: message.sessionExpiresAt,
          ...claims(message.accessToken),
        });
      }
    });
  }

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  /** The scheme the access token is sent with. */
  tokenType(): string {
    return this.session()?.tokenType ?? 'Bearer';
  }

  login(username: string, password: string): Observable<void> {
    return this.afterRefresh(() =>
      this.http.post<TokenResponse>('/auth/token', { username, password }, { headers: BROWSER_MODE }),
    ).pipe(
        tap((response) => this.adopt(response)),
        map(() => undefined),
      );
  }

  /**
   * Sets a new password for an account whose password is temporary, with the change token its login got, and
   * logs the user in.
   */
  choosePassword(changeToken: string, newPassword: string): Observable<void> {
    return this.afterRefresh(() =>
      this.http.post<TokenResponse>(
        '/auth/token/password',
        { change_token: changeToken, newPassword },
        { headers: BROWSER_MODE },
      ),
    ).pipe(
        tap((response) => this.adopt(response)),
        map(() => undefined),
      );
  }

  /** The second step of a login of an account with a second factor: its code, a recovery code or a passkey. */
  completeMfa(mfaToken: string, proof: SecondStepProof): Observable<void> {
    return this.afterRefresh(() =>
      this.http.post<TokenResponse>('/auth/token/mfa', { mfa_token: mfaToken, ...proof }, { headers: BROWSER_MODE }),
    ).pipe(
        tap((response) => this.adopt(response)),
        map(() => undefined),
      );
  }

  /** A login with a passkey alone: the authenticator's answer to the ceremony the gateway started. */
  loginWithPasskey(ceremony: string, credential: unknown): Observable<void> {
    return this.afterRefresh(() =>
      this.http.post<TokenResponse>('/auth/passkeys/token', { ceremony, credential }, { headers: BROWSER_MODE }),
    ).pipe(
        tap((response) => this.adopt(response)),
        map(() => undefined),
      );
  }

  /**
   * The first code of the authenticator a user whose role requires one has just set up: the login completes,
   * and the recovery codes come back, to be shown once.
   */
  confirmEnrolment(mfaToken: string, code: string): Observable<string[]> {
    return this.afterRefresh(() =>
      this.http.post<TokenResponse & { recovery_codes: string[] }>(
        '/auth/token/mfa/totp/confirm',
        { mfa_token: mfaToken, code },
        { headers: BROWSER_MODE },
      ),
    ).pipe(
        tap((response) => this.adopt(response)),
        map((response) => response.recovery_codes),
      );
  }

  /** Restores the session after a reload, from the refresh cookie. Never fails: no cookie, no session. */
  async restore(): Promise<void> {
    await this.refresh(false);
  }

  /**
   * A fresh access token, or null when the session is over. Callers that arrive while a refresh is in flight
   * share it. With `redirect`, an ended session sends the user to the login page, remembering where they were.
   */
  refresh(redirect = true): Promise<string | null> {
    if (this.refreshing === null) {
      const stale = this.accessToken();
      this.refreshing = this.tabs
        .exclusive(() => this.refreshUnlessAnotherTabDid(stale, redirect))
        .finally(() => (this.refreshing = null));
    }
    return this.refreshing;
  }

  /**
   * Ends this session on the server, then here and in every other tab. Only when the server confirmed it, or
   * said there was no session to end: the refresh cookie outlives a local-only log-out and would log the user
   * back in on the next reload. Any other failure keeps the session and reaches the caller.
   */
  logout(): Observable<void> {
    return this.endOnServer('/auth/logout');
  }

  /**
   * Revokes every session of the user, on every device. The refresh cookie alone identifies the user, so this
   * works after the access token has expired too.
   */
  logoutEverywhere(): Observable<void> {
    return this.endOnServer('/auth/logout-all');
  }

  private endOnServer(url: string): Observable<void> {
    return this.http.post<void>(url, null, { headers: BROWSER_MODE }).pipe(
      catchError((error: unknown) => (noSessionOnServer(error) ? of(null) : throwError(() => error))),
      tap(() => this.endEverywhere()),
      map(() => undefined),
    );
  }

  /**
   * A log-in waits for a refresh on its way: both carry the refresh cookie, and the one answered last would
   * otherwise set the cookie of a session the other had just ended.
   */
  private afterRefresh<T>(request: () => Observable<T>): Observable<T> {
    const refreshing = this.refreshing;
    return refreshing === null ? request() : from(refreshing).pipe(switchMap(() => request()));
  }

  private async refreshUnlessAnotherTabDid(stale: string | null, redirect: boolean): Promise<string | null> {
    const current = this.session();
    if (current && current.accessToken !== stale) {
      // another tab refreshed while this one waited for the lock, and handed over the new token
      return current.accessToken;
    }
    try {
      const response = await firstValueFrom(
        this.http.post<TokenResponse>('/auth/refresh', null, { headers: BROWSER_MODE }),
      );
      return this.adopt(response).accessToken;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 0) {
        return null;
      }
      const now = this.session();
      if (now !== null && now.accessToken !== current?.accessToken) {
        // a log-in in this tab (the step-up dialog) replaced the session while this refresh of the old one
        // was on its way, and the gateway ended the old one: the new session stands
        return now.accessToken;
      }
      const hadSession = now !== null;
      this.end();
      if (redirect && hadSession) {
        void this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url, expired: 1 } });
      }
      return null;
    }
  }

  private adopt(response: TokenResponse): Session {
    const now = Date.now();
    const session: Session = {
      accessToken: response.access_token,
      tokenType: response.token_type === 'DPoP' ? 'DPoP' : 'Bearer',
      expiresAt: now + response.expires_in * 1000,
      sessionExpiresAt: now + response.refresh_expires_in * 1000,
      ...claims(response.access_token),
    };
    this.start(session);
    this.tabs.post({
      type: 'session',
      accessToken: session.accessToken,
      tokenType: session.tokenType,
      expiresAt: session.expiresAt,
      sessionExpiresAt: session.sessionExpiresAt,
    });
    return session;
  }

  private start(session: Session): void {
    this.session.set(session);
    clearTimeout(this.timer);
    const lifetime = session.expiresAt - Date.now();
    this.timer = setTimeout(() => void this.refresh(), Math.max(1000, lifetime * REFRESH_AT));
  }

  private end(): void {
    clearTimeout(this.timer);
    this.session.set(null);
  }

  private endEverywhere(): void {
    this.end();
    this.tabs.post({ type: 'logout' });
  }
}

/** The change token of a login whose password is temporary, or null for any other answer. */
export function changeTokenOf(error: unknown): string | null {
  if (error instanceof HttpErrorResponse && error.status === 403) {
    const problem = (error.error ?? {}) as { error?: string; change_token?: string };
    if (problem.error === 'password_change_required' && problem.change_token) {
      return problem.change_token;
    }
  }
  return null;
}

/** What the second step of a login accepts: a code from the authenticator app, a recovery code, or a passkey. */
export type SecondStepProof =
  | { totp: string }
  | { recovery_code: string }
  | { ceremony: string; credential: unknown };

/** The second step of a login whose account has a second factor, and the methods it offers. */
export interface SecondStep {
  mfaToken: string;
  methods: string[];
}

/** The second step a login's answer asks for, or null for any other answer. */
export function secondStepOf(error: unknown): SecondStep | null {
  if (error instanceof HttpErrorResponse && error.status === 403) {
    const problem = (error.error ?? {}) as { error?: string; mfa_token?: string; methods?: string[] };
    if (problem.error === 'mfa_required' && problem.mfa_token) {
      return { mfaToken: problem.mfa_token, methods: problem.methods ?? ['totp'] };
    }
  }
  return null;
}

/** The token that lets a user whose role requires a second factor set one up, or null for any other answer. */
export function enrolmentTokenOf(error: unknown): string | null {
  if (error instanceof HttpErrorResponse && error.status === 403) {
    const problem = (error.error ?? {}) as { error?: string; mfa_token?: string };
    if (problem.error === 'mfa_enrollment_required' && problem.mfa_token) {
      return problem.mfa_token;
    }
  }
  return null;
}

/** 400: no refresh cookie was sent; 401: the cookie's session is spent, revoked or expired. */
function noSessionOnServer(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 400 || error.status === 401);
}

/**
 * Who the token is for and what it grants, for display only. The app never trusts these: every API checks
 * the token's signature itself.
 */
function claims(accessToken: string): { username: string; scope: string } {
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(payload)) as { preferred_username?: string; scope?: string };
    return { username: json.preferred_username ?? '', scope: json.scope ?? '' };
  } catch {
    return { username: '', scope: '' };
  }
}
