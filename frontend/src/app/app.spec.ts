import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Observable, of, throwError } from 'rxjs';

import { App } from './app';
import { AuthService } from './core/auth-service';

class FakeAuth {
  readonly isLoggedIn = signal(true);
  readonly isAdmin = signal(false);
  readonly username = signal('alice');
  answer: Observable<void> = of(undefined);

  logout(): Observable<void> {
    return this.answer;
  }
}

describe('App', () => {
  let auth: FakeAuth;

  beforeEach(() => {
    auth = new FakeAuth();
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), { provide: AuthService, useValue: auth }],
    });
  });

  async function clickLogOut(): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    element.querySelector<HTMLButtonElement>('button.link')!.click();
    await fixture.whenStable();
    return element;
  }

  it('says the log-out failed and stays when the server did not end the session', async () => {
    auth.answer = throwError(() => new HttpErrorResponse({ status: 503, statusText: 'Service Unavailable' }));
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');

    const element = await clickLogOut();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('you are still logged in');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('goes to the start page without a message once logged out', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');

    const element = await clickLogOut();

    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/');
  });
});
