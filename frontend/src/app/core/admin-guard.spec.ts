import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  Router,
  RouterStateSnapshot,
  UrlTree,
  provideRouter,
} from '@angular/router';

import { adminGuard } from './admin-guard';
import { AuthService } from './auth-service';

describe('adminGuard', () => {
  function decide(loggedIn: boolean, admin: boolean): boolean | UrlTree {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: AuthService, useValue: { isLoggedIn: () => loggedIn, isAdmin: () => admin } },
      ],
    });
    return TestBed.runInInjectionContext(
      () =>
        adminGuard({} as ActivatedRouteSnapshot, { url: '/admin/users' } as RouterStateSnapshot) as
          boolean | UrlTree,
    );
  }

  it('lets admins in', () => {
    expect(decide(true, true)).toBe(true);
  });

  it('sends other users home', () => {
    const decision = decide(true, false) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(decision)).toBe('/');
  });

  it('sends visitors to the login page, to come back after', () => {
    const decision = decide(false, false) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(decision)).toBe('/login?returnUrl=%2Fadmin%2Fusers');
  });
});
