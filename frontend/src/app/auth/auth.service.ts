import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, map, tap } from 'rxjs';

/** The token response of the contract (POST /auth/token). */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

interface Session {
  accessToken: string;
  username: string;
  expiresAt: number;
}

/**
 * Who is logged in. The access token lives in memory only: never in localStorage, sessionStorage or a
 * cookie that scripts can read, so an injected script cannot carry it away after the page is gone.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly session = signal<Session | null>(null);

  readonly isLoggedIn = computed(() => this.session() !== null);
  readonly username = computed(() => this.session()?.username ?? null);
  readonly expiresAt = computed(() => this.session()?.expiresAt ?? null);

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  login(username: string, password: string): Observable<void> {
    return this.http.post<TokenResponse>('/auth/token', { username, password }).pipe(
      tap((response) =>
        this.session.set({
          accessToken: response.access_token,
          username,
          expiresAt: Date.now() + response.expires_in * 1000,
        }),
      ),
      map(() => undefined),
    );
  }

  logout(): void {
    this.session.set(null);
  }
}
