import { httpResource } from '@angular/common/http';
import { Injectable, computed } from '@angular/core';

interface Features {
  registration: boolean;
  passkeys: boolean;
}

/** Everything stays switched off until the server says otherwise: while it is asked, and if it cannot be. */
const NOTHING_ON: Features = { registration: false, passkeys: false };

/** What the server has switched on (GET /auth/features). */
@Injectable({ providedIn: 'root' })
export class FeaturesService {
  private readonly features = httpResource<Features>(() => '/auth/features');

  readonly switchedOn = computed(() => (this.features.hasValue() ? this.features.value() : NOTHING_ON));
}
