import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { AuthService } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  it('keeps the token in memory after logging in, and nowhere a script could read it later', () => {
    auth.login('alice', 'alice-password-1').subscribe();
    const request = backend.expectOne('/auth/token');
    expect(request.request.body).toEqual({ username: 'alice', password: 'alice-password-1' });
    request.flush({ access_token: 'a.b.c', token_type: 'Bearer', expires_in: 300, scope: 'data:read' });

    expect(auth.isLoggedIn()).toBe(true);
    expect(auth.username()).toBe('alice');
    expect(auth.accessToken()).toBe('a.b.c');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it('is logged out after a failed login and after logging out', () => {
    auth.login('alice', 'wrong').subscribe({ error: () => undefined });
    backend.expectOne('/auth/token').flush({ detail: 'The username or password is incorrect.' }, {
      status: 401,
      statusText: 'Unauthorized',
    });
    expect(auth.isLoggedIn()).toBe(false);

    auth.login('alice', 'alice-password-1').subscribe();
    backend.expectOne('/auth/token').flush({ access_token: 't', token_type: 'Bearer', expires_in: 300, scope: '' });
    auth.logout();
    expect(auth.isLoggedIn()).toBe(false);
    expect(auth.accessToken()).toBeNull();
  });
});
