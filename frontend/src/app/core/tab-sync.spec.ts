import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { App } from '../app';
import { AuthService } from './auth-service';
import { TabMessage, TabSync } from './tab-sync';

/** Another tab of the app, as far as this one can tell: another channel of the same name. */
function otherTab(): { post(message: TabMessage): void } {
  return {
    post(message) {
      const channel = new BroadcastChannel('auth');
      channel.postMessage(message);
      channel.close();
    },
  };
}

function nextMessage(tabs: TabSync): Promise<TabMessage> {
  return new Promise((resolve) => tabs.onMessage(resolve));
}

describe('TabSync', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
  });

  it('hands a message from another tab to the listener', async () => {
    const received = nextMessage(TestBed.inject(TabSync));

    otherTab().post({ type: 'logout' });

    expect(await received).toEqual({ type: 'logout' });
  });

  it('updates the page when another tab logs out, with no zone to run the listener in', async () => {
    const backend = TestBed.inject(HttpTestingController);
    const auth = TestBed.inject(AuthService);
    auth.login('alice', 'alice-password-1').subscribe();
    const payload = btoa(JSON.stringify({ preferred_username: 'alice' })).replace(/=+$/, '');
    backend.expectOne('/auth/token').flush({
      access_token: `header.${payload}.signature`,
      token_type: 'Bearer',
      expires_in: 300,
      refresh_expires_in: 86400,
      scope: 'data:read',
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.who')?.textContent).toBe('alice');

    const received = nextMessage(TestBed.inject(TabSync));
    otherTab().post({ type: 'logout' });
    await received;
    await fixture.whenStable();

    expect(element.querySelector('.who')).toBeNull();
    expect(element.querySelector('nav a[href="/login"]')?.textContent).toBe('Log in');
    backend.verify();
  });
});
