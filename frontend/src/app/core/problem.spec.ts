import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';

import { problemMessage } from './problem';

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

  it('explains an unreachable server', () => {
    expect(problemMessage(new HttpErrorResponse({ status: 0 }))).toContain('cannot be reached');
  });
});
