import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { SecondStepForm } from './second-step';

/** jsdom has no WebAuthn, as some browsers have none: the form offers only what this browser can use. */
describe('SecondStepForm', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
  });

  function shown(methods: string[]): string {
    const fixture = TestBed.createComponent(SecondStepForm);
    fixture.componentRef.setInput('step', { mfaToken: 'the-token', methods });
    fixture.detectChanges();
    return (fixture.nativeElement as HTMLElement).textContent ?? '';
  }

  it('asks for the authenticator code first and offers the recovery codes', () => {
    const text = shown(['totp', 'recovery_code']);
    expect(text).toContain('Enter the code your authenticator app shows.');
    expect(text).toContain('Use a recovery code');
  });

  it('offers a recovery code where the browser cannot use the account passkey', () => {
    const text = shown(['passkey', 'recovery_code']);
    expect(text).toContain('Enter one of your recovery codes.');
    expect(text).not.toContain('Use my passkey');
  });

  it('says so rather than ask for a code the account does not have', () => {
    const text = shown(['passkey']);
    expect(text).toContain('which this browser cannot use');
    expect(text).not.toContain('Enter the code');
  });
});
