import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { AuthService, SecondStep, changeTokenOf, enrolmentTokenOf, secondStepOf } from './auth-service';
import { TabMessage, TabSync } from './tab-sync';

/** An access token whose payload names the user, as the gateway's do (the signature is not checked here). */
function token(username: string, id: number): string {
  const payload = btoa(
    JSON.stringify({ preferred_username: username, scope: 'data:read data:write' }),
  );
  return `header.${payload.replace(/=+$/, '')}.signature-${id}`;
}

function tokenResponse(username: string, id: number) {
  return {
    access_token: token(username, id),
    token_type: 'Bearer',
    expires_in: 300,
    refresh_expires_in: 86400,
    scope: 'data:read data:write',
  };
}

class FakeTabs {
  readonly posted: TabMessage[] = [];
  listener: ((message: TabMessage) => void) | null = null;
  locked = Promise.resolve();
  locks = 0;

  onMessage(listener: (message: TabMessage) => void): void {
    this.listener = listener;
  }

  post(message: TabMessage): void {
    this.posted.push(message);
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.locks++;
    const run = this.locked.then(task);
    this.locked = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;
  let tabs: FakeTabs;

  beforeEach(() => {
    tabs = new FakeTabs();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: TabSync, useValue: tabs },
      ],
    });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('logs in in browser mode and keeps the access token in memory only', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    const request = backend.expectOne('/auth/token');
    expect(request.request.headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(request.request.body).toEqual({ username: 'alice', password: 'alice-password-1' });
    request.flush(tokenResponse('alice', 1));

    expect(auth.isLoggedIn()).toBe(true);
    expect(auth.username()).toBe('alice');
    expect(auth.accessToken()).toBe(token('alice', 1));
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it('learns from a refused login that the password was temporary, then logs in with the new one', () => {
    let changeToken: string | null = null;
    auth
      .login('newcomer', 'temporary-one')
      .subscribe({ error: (error) => (changeToken = changeTokenOf(error)) });
    backend
      .expectOne('/auth/token')
      .flush(
        { error: 'password_change_required', change_token: 'the-change-token' },
        { status: 403, statusText: 'Forbidden' },
      );
    expect(changeToken).toBe('the-change-token');
    expect(auth.isLoggedIn()).toBe(false);

    auth.choosePassword('the-change-token', 'my-own-new-password').subscribe();
    const request = backend.expectOne('/auth/token/password');
    expect(request.request.headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(request.request.body).toEqual({
      change_token: 'the-change-token',
      newPassword: 'my-own-new-password',
    });
    request.flush(tokenResponse('newcomer', 2));

    expect(auth.username()).toBe('newcomer');
  });

  it('takes no other refusal for a password change', () => {
    let changeToken: string | null = 'unset';
    auth
      .login('alice', 'wrong')
      .subscribe({ error: (error) => (changeToken = changeTokenOf(error)) });
    backend
      .expectOne('/auth/token')
      .flush({ error: 'forbidden' }, { status: 403, statusText: 'Forbidden' });
    expect(changeToken).toBeNull();
  });

  it('learns the second step and its methods from a refused login, then logs in with a passkey answer', () => {
    let step: SecondStep | null = null;
    auth.login('alice', 'right-password').subscribe({ error: (error) => (step = secondStepOf(error)) });
    backend
      .expectOne('/auth/token')
      .flush(
        { error: 'mfa_required', mfa_token: 'the-mfa-token', methods: ['passkey', 'recovery_code'] },
        { status: 403, statusText: 'Forbidden' },
      );
    expect(step).toEqual({ mfaToken: 'the-mfa-token', methods: ['passkey', 'recovery_code'] });

    auth.completeMfa('the-mfa-token', { ceremony: 'the-ceremony', credential: { id: 'c' } }).subscribe();
    const request = backend.expectOne('/auth/token/mfa');
    expect(request.request.body).toEqual({
      mfa_token: 'the-mfa-token',
      ceremony: 'the-ceremony',
      credential: { id: 'c' },
    });
    request.flush(tokenResponse('alice', 1));
    expect(auth.isLoggedIn()).toBe(true);
  });

  it('tells a required set-up from a second step, and logs in with the set-up', () => {
    let refusal: unknown;
    auth.login('root', 'right-password').subscribe({ error: (error) => (refusal = error) });
    backend
      .expectOne('/auth/token')
      .flush(
        { error: 'mfa_enrollment_required', mfa_token: 'the-enrolment-token' },
        { status: 403, statusText: 'Forbidden' },
      );
    expect(secondStepOf(refusal)).toBeNull();
    expect(enrolmentTokenOf(refusal)).toBe('the-enrolment-token');

    let codes: string[] = [];
    auth.confirmEnrolment('the-enrolment-token', '123456').subscribe((answer) => (codes = answer));
    backend
      .expectOne('/auth/token/mfa/totp/confirm')
      .flush({ ...tokenResponse('root', 2), recovery_codes: ['aaaa-bbbb'] });
    expect(codes).toEqual(['aaaa-bbbb']);
    expect(auth.username()).toBe('root');
  });

  it('sends a log-in only once a refresh on its way is answered, so the cookie it sets is the last', async () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
    const refreshing = auth.refresh();
    await Promise.resolve();
    await Promise.resolve();
    const refresh = backend.expectOne('/auth/refresh');

    // a new log-in (the step-up dialog) while the refresh is on its way
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectNone('/auth/token');
    refresh.flush(tokenResponse('alice', 2));
    await refreshing;
    await Promise.resolve();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 3));

    expect(auth.accessToken()).toBe(token('alice', 3));
  });

  it('keeps a session another tab started while a refresh of the one it replaced was on its way', async () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
    const refreshing = auth.refresh();
    await Promise.resolve();
    await Promise.resolve();
    const refresh = backend.expectOne('/auth/refresh');

    tabs.listener?.({
      type: 'session',
      accessToken: token('alice', 2),
      tokenType: 'Bearer',
      expiresAt: Date.now() + 300_000,
      sessionExpiresAt: Date.now() + 86_400_000,
    });
    refresh.flush({}, { status: 401, statusText: 'Unauthorized' });

    expect(await refreshing).toBe(token('alice', 2));
    expect(auth.isLoggedIn()).toBe(true);
  });

  it('hands a new token to the other tabs', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));

    expect(tabs.posted).toContainEqual(
      expect.objectContaining({ type: 'session', tokenType: 'Bearer', accessToken: token('alice', 1) }),
    );
  });

  it('shares one refresh among all callers that need one at the same time', async () => {
    const waiting = [auth.refresh(), auth.refresh(), auth.refresh()];
    await Promise.resolve();
    await Promise.resolve();

    const request = backend.expectOne('/auth/refresh');
    expect(request.request.headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    request.flush(tokenResponse('alice', 2));

    expect(await Promise.all(waiting)).toEqual([
      token('alice', 2),
      token('alice', 2),
      token('alice', 2),
    ]);
    expect(tabs.locks).toBe(1);
  });

  it('does not refresh again when another tab refreshed while this one waited for the lock', async () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
    let releaseOtherTab!: () => void;
    tabs.locked = new Promise((resolve) => (releaseOtherTab = resolve));

    const refreshed = auth.refresh();
    tabs.listener!({
      type: 'session',
      accessToken: token('alice', 9),
      tokenType: 'Bearer',
      expiresAt: Date.now() + 300_000,
      sessionExpiresAt: Date.now() + 86_400_000,
    });
    releaseOtherTab();

    expect(await refreshed).toBe(token('alice', 9));
    backend.expectNone('/auth/refresh');
  });

  it('restores a session after a reload from the refresh cookie', async () => {
    const restored = auth.restore();
    await Promise.resolve();
    await Promise.resolve();
    backend.expectOne('/auth/refresh').flush(tokenResponse('bob', 3));
    await restored;

    expect(auth.username()).toBe('bob');
  });

  it('ends the session when the refresh is refused', async () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));

    const refreshed = auth.refresh(false);
    await Promise.resolve();
    await Promise.resolve();
    backend
      .expectOne('/auth/refresh')
      .flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });

    expect(await refreshed).toBeNull();
    expect(auth.isLoggedIn()).toBe(false);
  });

  it('logs out in every tab', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));

    let completed = false;
    auth.logout().subscribe({ complete: () => (completed = true) });
    const request = backend.expectOne('/auth/logout');
    expect(request.request.headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    request.flush(null, { status: 204, statusText: 'No Content' });

    expect(completed).toBe(true);
    expect(auth.isLoggedIn()).toBe(false);
    expect(tabs.posted).toContainEqual({ type: 'logout' });
  });

  it('keeps the session and passes the error on when the server fails to log out', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
    let failed: unknown;

    auth.logout().subscribe({ error: (error: unknown) => (failed = error) });
    backend
      .expectOne('/auth/logout')
      .flush(null, { status: 503, statusText: 'Service Unavailable' });

    expect(auth.isLoggedIn()).toBe(true);
    expect(failed).toEqual(expect.objectContaining({ status: 503 }));
    expect(tabs.posted).not.toContainEqual({ type: 'logout' });
  });

  it('keeps the session and passes the error on when the server cannot be reached to log out', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
    let failed: unknown;

    auth.logout().subscribe({ error: (error: unknown) => (failed = error) });
    backend.expectOne('/auth/logout').error(new ProgressEvent('error'));

    expect(auth.isLoggedIn()).toBe(true);
    expect(failed).toEqual(expect.objectContaining({ status: 0 }));
  });

  it('ends the session when the server has no session to end', () => {
    for (const [status, statusText] of [
      [400, 'Bad Request'],
      [401, 'Unauthorized'],
    ] as const) {
      auth.login('alice', 'alice-password-1').subscribe();
      backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
      let completed = false;

      auth.logout().subscribe({ complete: () => (completed = true) });
      backend.expectOne('/auth/logout').flush(null, { status, statusText });

      expect(auth.isLoggedIn()).toBe(false);
      expect(completed).toBe(true);
    }
  });

  it('logs out everywhere with the refresh cookie alone, without the access token', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
    let completed = false;

    auth.logoutEverywhere().subscribe({ complete: () => (completed = true) });
    const request = backend.expectOne('/auth/logout-all');
    expect(request.request.headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush(null, { status: 204, statusText: 'No Content' });

    expect(completed).toBe(true);
    expect(auth.isLoggedIn()).toBe(false);
    expect(tabs.posted).toContainEqual({ type: 'logout' });
  });

  it('keeps the session and passes the error on when the server fails to log out everywhere', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));
    let failed: unknown;

    auth.logoutEverywhere().subscribe({ error: (error: unknown) => (failed = error) });
    backend
      .expectOne('/auth/logout-all')
      .flush(null, { status: 500, statusText: 'Internal Server Error' });

    expect(auth.isLoggedIn()).toBe(true);
    expect(failed).toEqual(expect.objectContaining({ status: 500 }));
    expect(tabs.posted).not.toContainEqual({ type: 'logout' });
  });

  it('is logged out when another tab logs out', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush(tokenResponse('alice', 1));

    tabs.listener!({ type: 'logout' });

    expect(auth.isLoggedIn()).toBe(false);
  });
});
