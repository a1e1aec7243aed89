import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { authInterceptor } from './auth-interceptor';
import { AuthService } from './auth-service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let token: string | null;
  let scheme: string;
  let refreshes: number;
  let refreshed: string | null;

  beforeEach(() => {
    token = 'the-access-token';
    scheme = 'Bearer';
    refreshes = 0;
    refreshed = 'a-fresh-token';
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: AuthService,
          useValue: {
            accessToken: () => token,
            tokenType: () => scheme,
            refresh: () => {
              refreshes++;
              return Promise.resolve(refreshed);
            },
          },
        },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  function authorizationSentTo(url: string): string | null {
    http.get(url).subscribe();
    const request = backend.expectOne(url);
    request.flush({});
    return request.request.headers.get('Authorization');
  }

  it('adds the bearer token to same-origin /api calls', () => {
    expect(authorizationSentTo('/api/protected-data')).toBe('Bearer the-access-token');
    expect(authorizationSentTo(`${location.origin}/api/public-data`)).toBe('Bearer the-access-token');
  });

  it('sends a token bound to the browser key with the DPoP scheme', () => {
    scheme = 'DPoP';
    expect(authorizationSentTo('/api/protected-data')).toBe('DPoP the-access-token');
  });

  it('never sends the token to another origin', () => {
    expect(authorizationSentTo('https://evil.example/api/protected-data')).toBeNull();
    expect(authorizationSentTo('//evil.example/api/protected-data')).toBeNull();
  });

  it('adds the bearer token to the account and admin endpoints of the gateway', () => {
    expect(authorizationSentTo('/auth/account')).toBe('Bearer the-access-token');
    expect(authorizationSentTo('/auth/account/sessions')).toBe('Bearer the-access-token');
    expect(authorizationSentTo('/auth/admin/users')).toBe('Bearer the-access-token');
  });

  it('does not send the token to same-origin paths outside /api', () => {
    expect(authorizationSentTo('/auth/token')).toBeNull();
    expect(authorizationSentTo('/apiary')).toBeNull();
    expect(authorizationSentTo('/auth/accounting')).toBeNull();
  });

  it('sends nothing when nobody is logged in', () => {
    token = null;
    expect(authorizationSentTo('/api/protected-data')).toBeNull();
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    let body: unknown;
    http.get('/api/protected-data').subscribe((value) => (body = value));
    backend.expectOne('/api/protected-data').flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    await Promise.resolve();

    const retry = backend.expectOne('/api/protected-data');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer a-fresh-token');
    retry.flush({ ok: true });
    expect(body).toEqual({ ok: true });
    expect(refreshes).toBe(1);
  });

  it('passes the 401 on when the session cannot be refreshed', async () => {
    refreshed = null;
    let status = 0;
    http.get('/api/protected-data').subscribe({ error: (error) => (status = error.status) });
    backend.expectOne('/api/protected-data').flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    await Promise.resolve();

    expect(status).toBe(401);
    backend.expectNone('/api/protected-data');
  });

  it('does not refresh when the gateway asks for a more recent log-in', async () => {
    let status = 0;
    http.put('/auth/admin/users/1/roles', {}).subscribe({ error: (error) => (status = error.status) });
    backend.expectOne('/auth/admin/users/1/roles').flush(
      {},
      {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", max_age="300"' },
      },
    );
    await Promise.resolve();

    expect(status).toBe(401);
    expect(refreshes).toBe(0);
  });

  it('does not retry a refused current password, which would count as a second failed login', async () => {
    http.put('/auth/account/password', {}).subscribe({ error: () => undefined });
    backend.expectOne('/auth/account/password').flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();

    expect(refreshes).toBe(0);
    backend.expectNone('/auth/account/password');
  });

  it('refreshes an expired token on the gateway\'s own endpoints too', async () => {
    http.put('/auth/account/password', {}).subscribe({ error: () => undefined });
    backend.expectOne('/auth/account/password').flush(
      {},
      { status: 401, statusText: 'Unauthorized', headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
    );
    await Promise.resolve();
    await Promise.resolve();

    expect(refreshes).toBe(1);
    backend.expectOne('/auth/account/password').flush(null);
  });

  it('does not refresh on other errors', () => {
    http.get('/api/protected-data').subscribe({ error: () => undefined });
    backend.expectOne('/api/protected-data').flush({}, { status: 403, statusText: 'Forbidden' });
    expect(refreshes).toBe(0);
  });
});
