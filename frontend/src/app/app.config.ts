import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { routes } from './app.routes';
import { authInterceptor } from './core/auth-interceptor';
import { dpopInterceptor } from './core/dpop-interceptor';
import { stepUpInterceptor } from './core/step-up-interceptor';
import { AuthService } from './core/auth-service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // the step-up retry runs outside the token's: a retried request gets the new token
    provideHttpClient(withFetch(), withInterceptors([stepUpInterceptor, authInterceptor, dpopInterceptor])),
    // restore the session from the refresh cookie before the first route is guarded
    provideAppInitializer(() => inject(AuthService).restore()),
  ],
};
