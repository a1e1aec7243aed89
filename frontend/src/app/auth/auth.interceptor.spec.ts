import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let token: string | null;

  beforeEach(() => {
    token = 'the-access-token';
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: { accessToken: () => token } },
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

  it('never sends the token to another origin', () => {
    expect(authorizationSentTo('https://evil.example/api/protected-data')).toBeNull();
    expect(authorizationSentTo('//evil.example/api/protected-data')).toBeNull();
  });

  it('does not send the token to same-origin paths outside /api', () => {
    expect(authorizationSentTo('/auth/token')).toBeNull();
    expect(authorizationSentTo('/apiary')).toBeNull();
  });

  it('sends nothing when nobody is logged in', () => {
    token = null;
    expect(authorizationSentTo('/api/protected-data')).toBeNull();
  });
});
