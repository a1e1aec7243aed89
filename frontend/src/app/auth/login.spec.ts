import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';

import { AuthService } from '../core/auth-service';
import { FeaturesService } from '../core/features-service';
import { Passkeys } from '../core/passkeys';
import { Login, safeReturnUrl } from './login';

describe('safeReturnUrl', () => {
  it('keeps paths inside the app', () => {
    expect(safeReturnUrl('/my-data?page=2')).toBe('/my-data?page=2');
  });

  it('refuses anything that would leave the app', () => {
    for (const url of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      null,
    ]) {
      expect(safeReturnUrl(url)).toBe('/my-data');
    }
  });
});

describe('Login', () => {
  let cancelled: number;
  let login: Subject<void>;

  beforeEach(() => {
    cancelled = 0;
    login = new Subject<void>();
    TestBed.configureTestingModule({
      imports: [Login],
      providers: [
        provideRouter([]),
        { provide: AuthService, useValue: { login: () => login } },
        { provide: FeaturesService, useValue: { switchedOn: signal({ passkeys: true }) } },
        {
          provide: Passkeys,
          useValue: {
            supported: true,
            // the autofill's request waits for the user, as a browser's does
            autofill: () => new Promise(() => undefined),
            cancel: () => cancelled++,
          },
        },
      ],
    });
  });

  function submitPassword(): void {
    const fixture = TestBed.createComponent(Login);
    fixture.detectChanges();
    (fixture.componentInstance as unknown as { submit(): void }).submit();
  }

  it('ends the autofill passkey request once the password was right and a second step comes', () => {
    submitPassword();
    login.error(
      new HttpErrorResponse({
        status: 403,
        error: { error: 'mfa_required', mfa_token: 't', methods: ['passkey'] },
      }),
    );

    expect(cancelled).toBe(1);
  });

  it('keeps offering passkeys in the autofill after a wrong password', () => {
    submitPassword();
    login.error(
      new HttpErrorResponse({
        status: 401,
        error: { detail: 'The username or password is incorrect.' },
      }),
    );

    expect(cancelled).toBe(0);
  });
});
