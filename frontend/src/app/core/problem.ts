import { HttpErrorResponse } from '@angular/common/http';

interface Problem {
  error?: string;
  detail?: string;
  title?: string;
  errors?: { field: string; message: string }[];
}

/** A readable message from an API error; the gateway and the resource service send RFC 9457 problems. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Something went wrong.';
  }
  if (error.status === 0) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  if (error.status === 429) {
    const seconds = Number(error.headers.get('Retry-After'));
    return Number.isFinite(seconds) && seconds > 0
      ? `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
      : 'Too many attempts. Try again in a moment.';
  }
  const problem = (error.error ?? {}) as Problem;
  if (needsRecentLogin(error)) {
    return 'This change needs a recent log-in. Log in again, then retry.';
  }
  const fields = problem.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
  const message = problem.detail ?? problem.title ?? `The request failed (${error.status}).`;
  return fields ? `${message} ${capitalise(fields)}.` : message;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The gateway wants a more recent log-in (RFC 9470) before it makes this change. */
export function needsRecentLogin(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 401 &&
    (error.headers.get('WWW-Authenticate') ?? '').includes('insufficient_user_authentication')
  );
}
