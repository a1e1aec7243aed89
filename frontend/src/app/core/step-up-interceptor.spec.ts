import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { authInterceptor } from './auth-interceptor';
import { AuthService } from './auth-service';
import { StepUp } from './step-up';
import { stepUpInterceptor } from './step-up-interceptor';

const RECENT_LOGIN_NEEDED = {
  status: 401,
  statusText: 'Unauthorized',
  headers: { 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", max_age="300"' },
};

describe('stepUpInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let stepUp: StepUp;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([stepUpInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    stepUp = TestBed.inject(StepUp);
  });

  afterEach(() => backend.verify());

  it('asks the user to confirm who they are, then sends the change again', async () => {
    let done = false;
    http.put('/auth/account/password', {}).subscribe(() => (done = true));
    backend.expectOne('/auth/account/password').flush({}, RECENT_LOGIN_NEEDED);
    expect(stepUp.asking()).toBe(true);

    stepUp.answered(true);
    await Promise.resolve();
    backend
      .expectOne('/auth/account/password')
      .flush(null, { status: 204, statusText: 'No Content' });

    expect(done).toBe(true);
    expect(stepUp.asking()).toBe(false);
  });

  it('passes the refusal on when the user cancels', async () => {
    let status = 0;
    http
      .post('/auth/admin/users/1/disable', null)
      .subscribe({ error: (error) => (status = error.status) });
    backend.expectOne('/auth/admin/users/1/disable').flush({}, RECENT_LOGIN_NEEDED);

    stepUp.answered(false);
    await Promise.resolve();

    expect(status).toBe(401);
    backend.expectNone('/auth/admin/users/1/disable');
  });

  it('leaves other 401s alone', () => {
    http.get('/api/protected-data').subscribe({ error: () => undefined });
    backend.expectOne('/api/protected-data').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(stepUp.asking()).toBe(false);
  });
});

describe('stepUpInterceptor with the auth interceptor, as the app installs them', () => {
  it('sends the retried change with the token of the new log-in', async () => {
    let token = 'the-old-token';
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([stepUpInterceptor, authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: AuthService,
          useValue: { accessToken: () => token, tokenType: () => 'Bearer', refresh: () => Promise.resolve(null) },
        },
      ],
    });
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    http.put('/auth/account/password', {}).subscribe();
    backend.expectOne('/auth/account/password').flush({}, RECENT_LOGIN_NEEDED);

    token = 'the-new-token';
    TestBed.inject(StepUp).answered(true);
    await Promise.resolve();

    const retry = backend.expectOne('/auth/account/password');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer the-new-token');
    retry.flush(null, { status: 204, statusText: 'No Content' });
    backend.verify();
  });
});
