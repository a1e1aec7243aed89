import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';

import { needsRecentLogin } from './problem';
import { StepUp } from './step-up';

/**
 * A change the gateway refuses for want of a recent log-in is retried once the user has confirmed who they
 * are; the retry passes through the auth interceptor again and carries the new token.
 */
export const stepUpInterceptor: HttpInterceptorFn = (request, next) => {
  const stepUp = inject(StepUp);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || !needsRecentLogin(error)) {
        return throwError(() => error);
      }
      return from(stepUp.confirm()).pipe(
        switchMap((confirmed) => (confirmed ? next(request) : throwError(() => error))),
      );
    }),
  );
};
