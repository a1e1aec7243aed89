import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';

import { authGuard } from './auth-guard';
import { AuthService } from './auth-service';

describe('authGuard', () => {
  let loggedIn: boolean;

  beforeEach(() => {
    loggedIn = false;
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: AuthService, useValue: { isLoggedIn: () => loggedIn } }],
    });
  });

  function guard(url: string) {
    return TestBed.runInInjectionContext(() =>
      authGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    );
  }

  it('sends a visitor to the login page and remembers where they wanted to go', () => {
    const result = guard('/my-data?page=2');

    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe(
      '/login?returnUrl=%2Fmy-data%3Fpage%3D2',
    );
  });

  it('lets a logged-in user through', () => {
    loggedIn = true;
    expect(guard('/my-data')).toBe(true);
  });
});
