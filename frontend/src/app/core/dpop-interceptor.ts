import { DOCUMENT } from '@angular/common';
import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { from, switchMap } from 'rxjs';

import { DPoP } from './dpop';

/** Where tokens are issued: a proof there binds the session to this browser's key. */
const TOKEN_ENDPOINTS = [
  '/auth/token',
  '/auth/token/password',
  '/auth/token/mfa',
  '/auth/token/mfa/totp/confirm',
  '/auth/passkeys/token',
  '/auth/refresh',
];

/**
 * A fresh DPoP proof on every call that needs one, to this origin only: every call to a token endpoint,
 * and every call that carries a DPoP-bound token (set by the auth interceptor, which runs before this one).
 */
export const dpopInterceptor: HttpInterceptorFn = (request, next) => {
  const target = new URL(request.url, inject(DOCUMENT).baseURI);
  if (target.origin !== new URL(inject(DOCUMENT).baseURI).origin) {
    return next(request);
  }
  const authorization = request.headers.get('Authorization');
  const boundToken = authorization?.startsWith('DPoP ') ? authorization.substring(5) : undefined;
  if (boundToken === undefined && !(request.method === 'POST' && TOKEN_ENDPOINTS.includes(target.pathname))) {
    return next(request);
  }
  return from(inject(DPoP).proof(request.method, target.href, boundToken)).pipe(
    switchMap((proof) => next(proof === null ? request : request.clone({ setHeaders: { DPoP: proof } }))),
  );
};
