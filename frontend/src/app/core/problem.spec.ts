import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';

import { needsRecentLogin, problemMessage } from './problem';

describe('problemMessage', () => {
  it('shows the detail of a problem and the fields it names', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { detail: 'The request is not valid.', errors: [{ field: 'title', message: 'must not be blank' }] },
    });
    expect(problemMessage(error)).toBe('The request is not valid. Title must not be blank.');
  });

  it('says when to try again after throttling', () => {
    const error = new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '30' }) });
    expect(problemMessage(error)).toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('asks for a new log-in when the gateway wants a recent one', () => {
    const error = new HttpErrorResponse({
      status: 401,
      headers: new HttpHeaders({ 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", max_age="300"' }),
      error: { error: 'insufficient_user_authentication' },
    });
    expect(needsRecentLogin(error)).toBe(true);
    expect(problemMessage(error)).toBe('This change needs a recent log-in. Log in again, then retry.');
    expect(needsRecentLogin(new HttpErrorResponse({ status: 401 }))).toBe(false);
  });

  it('explains an unreachable server', () => {
    expect(problemMessage(new HttpErrorResponse({ status: 0 }))).toContain('cannot be reached');
  });
});
