import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { FeaturesService } from './features-service';

describe('FeaturesService', () => {
  let features: FeaturesService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    features = TestBed.inject(FeaturesService);
    backend = TestBed.inject(HttpTestingController);
    TestBed.tick();
  });

  afterEach(() => backend.verify());

  async function answer(respond: (request: ReturnType<HttpTestingController['expectOne']>) => void) {
    respond(backend.expectOne('/auth/features'));
    await TestBed.inject(ApplicationRef).whenStable();
  }

  it('keeps registration closed until the server has answered', async () => {
    expect(features.registration()).toEqual({ registration: false });

    await answer((request) => request.flush({ registration: true }));

    expect(features.registration()).toEqual({ registration: true });
  });

  it('keeps registration closed when the server cannot say', async () => {
    await answer((request) => request.flush(null, { status: 503, statusText: 'Service Unavailable' }));

    expect(features.registration()).toEqual({ registration: false });
  });
});
