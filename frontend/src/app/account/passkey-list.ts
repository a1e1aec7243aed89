import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, inject, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { startRegistration } from '@simplewebauthn/browser';
import { firstValueFrom } from 'rxjs';

import { Passkeys, cancelledByUser } from '../core/passkeys';
import { problemMessage } from '../core/problem';
import { AccountPasskey, AccountService } from './account-service';

/**
 * The account's passkeys: a new one made by this device's authenticator (or a phone's, or a security key)
 * under a name the user chooses, the list, and removing one.
 */
@Component({
  selector: 'app-passkey-list',
  imports: [DatePipe, FormsModule],
  templateUrl: './passkey-list.html',
})
export class PasskeyList {
  private readonly accounts = inject(AccountService);
  protected readonly supported = inject(Passkeys).supported;
  protected readonly passkeys = httpResource<AccountPasskey[]>(() => this.accounts.passkeysUrl);
  readonly changed = output<void>();
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected name = defaultName();

  protected async add(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const options = await firstValueFrom(this.accounts.passkeyOptions());
      const credential = await startRegistration({ optionsJSON: options });
      await firstValueFrom(this.accounts.addPasskey(this.name.trim(), credential));
      this.name = defaultName();
      this.passkeys.reload();
      this.changed.emit();
    } catch (error) {
      if (!cancelledByUser(error)) {
        this.error.set(error instanceof Error && !('status' in error) ? error.message : problemMessage(error));
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected remove(passkey: AccountPasskey): void {
    this.error.set(null);
    this.accounts.removePasskey(passkey.id).subscribe({
      next: () => {
        this.passkeys.reload();
        this.changed.emit();
      },
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}

/** A name that tells this passkey apart from the user's others, which they may change before adding it. */
function defaultName(): string {
  const agent = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrome\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'This browser';
  const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS X/.test(agent) ? 'macOS' : /Windows/.test(agent) ? 'Windows' : /Linux/.test(agent) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}
