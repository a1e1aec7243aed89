import { HttpClient, HttpHeaders, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { DPoP } from './dpop';
import { dpopInterceptor } from './dpop-interceptor';

describe('dpopInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let asked: { method: string; url: string; token?: string; nonce?: string | null }[];
  let dpop: { nonce: string | null };

  beforeEach(() => {
    asked = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([dpopInterceptor])),
        provideHttpClientTesting(),
        {
          provide: DPoP,
          useFactory: () => {
            dpop = {
              nonce: null,
              proof: (method: string, url: string, token?: string, nonce?: string | null) => {
                asked.push({ method, url, token, nonce });
                return Promise.resolve(`proof-${asked.length}`);
              },
            } as { nonce: string | null };
            return dpop;
          },
        },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function proofSentTo(
    method: 'GET' | 'POST',
    url: string,
    authorization?: string,
  ): Promise<string | null> {
    const headers =
      authorization === undefined ? undefined : new HttpHeaders({ Authorization: authorization });
    (method === 'GET' ? http.get(url, { headers }) : http.post(url, null, { headers })).subscribe();
    await new Promise((resolve) => setTimeout(resolve));
    const request = backend.expectOne((r) => r.url === url);
    request.flush({});
    return request.request.headers.get('DPoP');
  }

  it('sends a proof with every login and refresh, for the URL called', async () => {
    expect(await proofSentTo('POST', '/auth/token')).toBe('proof-1');
    expect(await proofSentTo('POST', '/auth/refresh')).toBe('proof-2');
    expect(asked[1]).toEqual({
      method: 'POST',
      url: `${location.origin}/auth/refresh`,
      token: undefined,
      nonce: null,
    });
  });

  it('sends a proof with the hash of a bound token, and none with a bearer token', async () => {
    expect(await proofSentTo('GET', '/api/protected-data', 'DPoP the-token')).toBe('proof-1');
    expect(asked[0].token).toBe('the-token');
    expect(await proofSentTo('GET', '/api/protected-data', 'Bearer the-token')).toBeNull();
  });

  it('keeps the nonce the gateway sends and puts it in the next token request, not in API calls', async () => {
    http.post('/auth/token', null).subscribe();
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/auth/token').flush({}, { headers: { 'DPoP-Nonce': 'nonce-1' } });

    await proofSentTo('POST', '/auth/refresh');
    await proofSentTo('GET', '/api/protected-data', 'DPoP the-token');

    expect(dpop.nonce).toBe('nonce-1');
    expect(asked.map((call) => call.nonce)).toEqual([null, 'nonce-1', undefined]);
  });

  it('makes a token request once more with the nonce a use_dpop_nonce answer names', async () => {
    let answer: unknown;
    http.post('/auth/token', null).subscribe((body) => (answer = body));
    await new Promise((resolve) => setTimeout(resolve));
    backend
      .expectOne('/auth/token')
      .flush(
        { error: 'use_dpop_nonce' },
        { status: 400, statusText: 'Bad Request', headers: { 'DPoP-Nonce': 'nonce-2' } },
      );
    await new Promise((resolve) => setTimeout(resolve));
    const retried = backend.expectOne('/auth/token');
    expect(retried.request.headers.get('DPoP')).toBe('proof-2');
    retried.flush({ token_type: 'DPoP' });

    expect(asked[1].nonce).toBe('nonce-2');
    expect(answer).toEqual({ token_type: 'DPoP' });
  });

  it('gives up after one retry, so a server that keeps asking cannot loop the app', async () => {
    let failed: unknown;
    http.post('/auth/token', null).subscribe({ error: (error) => (failed = error) });
    const askForNonce = async (nonce: string) => {
      await new Promise((resolve) => setTimeout(resolve));
      backend
        .expectOne('/auth/token')
        .flush(
          { error: 'use_dpop_nonce' },
          { status: 400, statusText: 'Bad Request', headers: { 'DPoP-Nonce': nonce } },
        );
    };
    await askForNonce('nonce-3');
    await askForNonce('nonce-4');

    expect(failed).toBeDefined();
    expect(asked.length).toBe(2);
  });

  it('sends no proof to another origin', async () => {
    expect(await proofSentTo('POST', 'https://elsewhere.example/auth/token')).toBeNull();
    expect(asked).toEqual([]);
  });
});
