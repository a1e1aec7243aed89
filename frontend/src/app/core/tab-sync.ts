import { DestroyRef, Injectable, inject } from '@angular/core';

/** What one tab tells the others: a new access token, or that the user logged out. */
export type TabMessage =
  | { type: 'session'; accessToken: string; tokenType: string; expiresAt: number; sessionExpiresAt: number }
  | { type: 'logout' };

/**
 * Coordinates the tabs of this app. Refreshes run under one Web Lock, so two tabs never present the same
 * refresh token (the cookie rotates on every refresh, and the next holder of the lock sends the new one);
 * a BroadcastChannel hands the new access token to the other tabs, which then need no refresh of their own.
 * Nothing here is stored: messages live in memory only.
 */
@Injectable({ providedIn: 'root' })
export class TabSync {
  private readonly channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('auth');

  constructor() {
    // an app that is torn down (as after each unit test) stops hearing the other tabs
    inject(DestroyRef).onDestroy(() => this.channel?.close());
  }

  /**
   * Calls the listener straight from the channel's event. Listeners set signals, and in this zoneless app a
   * signal that a template reads schedules change detection by itself.
   */
  onMessage(listener: (message: TabMessage) => void): void {
    this.channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => listener(event.data));
  }

  post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  /** Runs the task while no other tab of this origin runs one under the same lock. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? (locks.request('auth-refresh', task) as Promise<T>) : task();
  }
}
