import { DOCUMENT } from '@angular/common';
import {
  HttpErrorResponse,
  HttpEvent,
  HttpInterceptorFn,
  HttpResponse,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, tap, throwError } from 'rxjs';

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
 * A token endpoint's proof carries the last nonce the gateway sent (RFC 9449 section 8); a
 * `use_dpop_nonce` answer is tried once more with the nonce it names.
 */
export const dpopInterceptor: HttpInterceptorFn = (request, next) => {
  const target = new URL(request.url, inject(DOCUMENT).baseURI);
  if (target.origin !== new URL(inject(DOCUMENT).baseURI).origin) {
    return next(request);
  }
  const authorization = request.headers.get('Authorization');
  const boundToken = authorization?.startsWith('DPoP ') ? authorization.substring(5) : undefined;
  const tokenEndpoint = request.method === 'POST' && TOKEN_ENDPOINTS.includes(target.pathname);
  if (boundToken === undefined && !tokenEndpoint) {
    return next(request);
  }
  const dpop = inject(DPoP);
  const send = () =>
    from(
      dpop.proof(request.method, target.href, boundToken, tokenEndpoint ? dpop.nonce : undefined),
    ).pipe(
      switchMap((proof) =>
        next(proof === null ? request : request.clone({ setHeaders: { DPoP: proof } })),
      ),
    );
  if (!tokenEndpoint) {
    return send();
  }
  const remember = tap<HttpEvent<unknown>>((event) => {
    if (event instanceof HttpResponse) {
      dpop.nonce = event.headers.get(NONCE) ?? dpop.nonce;
    }
  });
  return send().pipe(
    remember,
    catchError((error: unknown) => {
      const nonce = error instanceof HttpErrorResponse ? error.headers.get(NONCE) : null;
      if (nonce === null) {
        return throwError(() => error);
      }
      dpop.nonce = nonce;
      const useNonce =
        (error as HttpErrorResponse).status === 400 &&
        (error as HttpErrorResponse).error?.error === 'use_dpop_nonce';
      return useNonce ? send().pipe(remember) : throwError(() => error);
    }),
  );
};

const NONCE = 'DPoP-Nonce';
