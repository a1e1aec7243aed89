import { HttpErrorResponse } from '@angular/common/http';

/** A readable message from an API error, which the gateway and the resource service send as RFC 9457 problems. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Something went wrong.';
  }
  if (error.status === 0) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  const problem = error.error as { detail?: string; title?: string } | null;
  return problem?.detail ?? problem?.title ?? `The request failed (${error.status}).`;
}
