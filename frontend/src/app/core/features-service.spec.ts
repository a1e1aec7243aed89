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

  it('keeps everything off until the server has answered', async () => {
    expect(features.switchedOn()).toEqual({ registration: false, passkeys: false });

    await answer((request) => request.flush({ registration: true, passkeys: true }));

    expect(features.switchedOn()).toEqual({ registration: true, passkeys: true });
  });

  it('keeps everything off when the server cannot say', async () => {
    await answer((request) => request.flush(null, { status: 503, statusText: 'Service Unavailable' }));

    expect(features.switchedOn()).toEqual({ registration: false, passkeys: false });
  });
});
