import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  PublicKeyCredentialRequestOptionsJSON,
  WebAuthnAbortService,
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
} from '@simplewebauthn/browser';
import { firstValueFrom } from 'rxjs';

import { AuthService } from './auth-service';

interface Ceremony {
  ceremony: string;
  publicKey: PublicKeyCredentialRequestOptionsJSON;
}

/**
 * Logging in with a passkey: the gateway starts a ceremony, the browser asks the authenticator, and the
 * answer goes back to the gateway, which checks it. Alone, from the autofill of the username field, or as the
 * second step after a password.
 */
@Injectable({ providedIn: 'root' })
export class Passkeys {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);

  /** Whether this browser can use passkeys at all. */
  readonly supported = browserSupportsWebAuthn();

  /** A login with a passkey the user picks from the browser's dialog. */
  async signIn(): Promise<void> {
    const options = await this.options({});
    const credential = await startAuthentication({ optionsJSON: options.publicKey });
    await firstValueFrom(this.auth.loginWithPasskey(options.ceremony, credential));
  }

  /**
   * Offers the user's passkeys in the username field's autofill (conditional mediation) where the browser can;
   * resolves false where it cannot, and only once the user picked one otherwise.
   */
  async autofill(): Promise<boolean> {
    if (!(await browserSupportsWebAuthnAutofill())) {
      return false;
    }
    const options = await this.options({});
    const credential = await startAuthentication({ optionsJSON: options.publicKey, useBrowserAutofill: true });
    await firstValueFrom(this.auth.loginWithPasskey(options.ceremony, credential));
    return true;
  }

  /** The second step of a login with one of the account's passkeys. */
  async secondStep(mfaToken: string): Promise<void> {
    const options = await this.options({ mfa_token: mfaToken });
    const credential = await startAuthentication({ optionsJSON: options.publicKey });
    await firstValueFrom(this.auth.completeMfa(mfaToken, { ceremony: options.ceremony, credential }));
  }

  /** Ends a ceremony still waiting for the authenticator, such as the autofill's. */
  cancel(): void {
    WebAuthnAbortService.cancelCeremony();
  }

  private options(body: object): Promise<Ceremony> {
    return firstValueFrom(this.http.post<Ceremony>('/auth/passkeys/options', body));
  }
}

/** A ceremony the user cancelled or let time out is not worth an error message. */
export function cancelledByUser(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
