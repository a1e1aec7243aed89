import { DOCUMENT } from '@angular/common';
import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';

import { AuthService } from './auth.service';

/**
 * Adds the bearer token to calls to this origin's /api only. A token sent anywhere else (another host, a
 * CDN, an absolute URL that a bug or an attacker put in) would hand the user's identity to that host.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(AuthService).accessToken();
  const document = inject(DOCUMENT);
  if (token === null || !isOwnApi(request.url, document)) {
    return next(request);
  }
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
};

function isOwnApi(url: string, document: Document): boolean {
  const target = new URL(url, document.baseURI);
  const origin = new URL(document.baseURI).origin;
  return target.origin === origin && target.pathname.startsWith('/api/');
}
