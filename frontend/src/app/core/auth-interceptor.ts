import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';

import { AuthService } from './auth-service';

/**
 * Adds the bearer token to calls to this origin's /api, /auth/account and /auth/admin only: a token sent
 * anywhere else (another host, an absolute URL that a bug or an attacker put in) would hand the user's
 * identity to that host. A 401 means the token expired under us: refresh once (shared with every other
 * waiting call) and retry once. Not when the gateway asks for a more recent log-in (a refresh keeps the old
 * log-in time) or refuses a current password (a retry would count as a second failed login).
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const token = auth.accessToken();
  const scheme = auth.tokenType();
  if (token === null || !isOwnApi(request.url, inject(DOCUMENT))) {
    return next(request);
  }
  return next(withToken(request, scheme, token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !tokenExpired(request, error)) {
        return throwError(() => error);
      }
      return from(auth.refresh()).pipe(
        switchMap((fresh) =>
          fresh === null ? throwError(() => error) : next(withToken(request, auth.tokenType(), fresh)),
        ),
      );
    }),
  );
};

/** `Bearer`, or `DPoP` for a token bound to this browser's key (the DPoP interceptor adds the proof). */
function withToken(request: HttpRequest<unknown>, scheme: string, token: string): HttpRequest<unknown> {
  return request.clone({ setHeaders: { Authorization: `${scheme} ${token}` } });
}

const BEARER_PATHS = ['/api/', '/auth/account', '/auth/admin/'];

function isOwnApi(url: string, document: Document): boolean {
  const target = new URL(url, document.baseURI);
  const origin = new URL(document.baseURI).origin;
  return (
    target.origin === origin &&
    BEARER_PATHS.some((path) => target.pathname.startsWith(path)) &&
    !/^\/auth\/account[^/]/.test(target.pathname)
  );
}

/**
 * A 401 for an expired or unknown token says `invalid_token` in its challenge. One that asks for a more
 * recent log-in says otherwise, and a refused current password on the gateway's own endpoints has none.
 */
function tokenExpired(request: HttpRequest<unknown>, error: HttpErrorResponse): boolean {
  const challenge = error.headers.get('WWW-Authenticate');
  if (challenge === null) {
    return !new URL(request.url, 'http://app.invalid').pathname.startsWith('/auth/');
  }
  return challenge.includes('invalid_token');
}
