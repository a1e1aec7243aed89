import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';

import { AuthService } from './auth-service';

/** Shows the admin console to admins only; the gateway refuses everyone else's calls whatever the app shows. */
export const adminGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  if (auth.isAdmin()) {
    return true;
  }
  return inject(Router).createUrlTree(auth.isLoggedIn() ? ['/'] : ['/login'], {
    queryParams: auth.isLoggedIn() ? {} : { returnUrl: state.url },
  });
};
