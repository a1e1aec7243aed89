import { HttpClient, HttpHeaders, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { DPoP } from './dpop';
import { dpopInterceptor } from './dpop-interceptor';

describe('dpopInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let asked: { method: string; url: string; token?: string }[];

  beforeEach(() => {
    asked = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([dpopInterceptor])),
        provideHttpClientTesting(),
        {
          provide: DPoP,
          useValue: {
            proof: (method: string, url: string, token?: string) => {
              asked.push({ method, url, token });
              return Promise.resolve(`proof-${asked.length}`);
            },
          },
        },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function proofSentTo(method: 'GET' | 'POST', url: string, authorization?: string): Promise<string | null> {
    const headers = authorization === undefined ? undefined : new HttpHeaders({ Authorization: authorization });
    (method === 'GET' ? http.get(url, { headers }) : http.post(url, null, { headers })).subscribe();
    await new Promise((resolve) => setTimeout(resolve));
    const request = backend.expectOne((r) => r.url === url);
    request.flush({});
    return request.request.headers.get('DPoP');
  }

  it('sends a proof with every login and refresh, for the URL called', async () => {
    expect(await proofSentTo('POST', '/auth/token')).toBe('proof-1');
    expect(await proofSentTo('POST', '/auth/refresh')).toBe('proof-2');
    expect(asked[1]).toEqual({ method: 'POST', url: `${location.origin}/auth/refresh`, token: undefined });
  });

  it('sends a proof with the hash of a bound token, and none with a bearer token', async () => {
    expect(await proofSentTo('GET', '/api/protected-data', 'DPoP the-token')).toBe('proof-1');
    expect(asked[0].token).toBe('the-token');
    expect(await proofSentTo('GET', '/api/protected-data', 'Bearer the-token')).toBeNull();
  });

  it('sends no proof to another origin', async () => {
    expect(await proofSentTo('POST', 'https://elsewhere.example/auth/token')).toBeNull();
    expect(asked).toEqual([]);
  });
});
