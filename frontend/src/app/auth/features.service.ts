import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, of } from 'rxjs';

/** What the server has switched on (GET /auth/features). */
@Injectable({ providedIn: 'root' })
export class FeaturesService {
  readonly registration = toSignal(
    inject(HttpClient)
      .get<{ registration: boolean }>('/auth/features')
      .pipe(catchError(() => of({ registration: false }))),
    { initialValue: { registration: false } },
  );
}
