import { Injectable } from '@angular/core';

/**
 * DPoP (RFC 9449) in the browser: one key pair per browser profile, made by WebCrypto with a private key
 * that cannot be exported, kept in IndexedDB so that a reload keeps the session's binding, and a fresh proof
 * JWS for every call that needs one. RS256: the gateway and the resource service check a proof on every API
 * call, and the JVM verifies RS256 about thirteen times faster than ES256. Where WebCrypto or IndexedDB is
 * missing there is no key, and the app falls back to bearer tokens.
 */
@Injectable({ providedIn: 'root' })
export class DPoP {
  /** The last nonce the gateway's token endpoints sent (RFC 9449 section 8), for the next proof there. */
  nonce: string | null = null;

  private keys: Promise<CryptoKeyPair | null> | null = null;
  private publicJwk: Promise<JsonWebKey> | null = null;

  /** A proof for this call, with the server's nonce when given, or null where the browser cannot make one. */
  async proof(
    method: string,
    url: string,
    accessToken?: string,
    nonce?: string | null,
  ): Promise<string | null> {
    const keys = await this.keyPair();
    if (keys === null) {
      return null;
    }
    this.publicJwk ??= crypto.subtle.exportKey('jwk', keys.publicKey);
    const { kty, n, e } = await this.publicJwk;
    const header = { typ: 'dpop+jwt', alg: 'RS256', jwk: { kty, n, e } };
    const target = new URL(url);
    const claims: Record<string, unknown> = {
      jti: crypto.randomUUID(),
      htm: method.toUpperCase(),
      htu: target.origin + target.pathname,
      iat: Math.floor(Date.now() / 1000),
    };
    if (nonce) {
      claims['nonce'] = nonce;
    }
    if (accessToken !== undefined) {
      claims['ath'] = base64url(
        await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken)),
      );
    }
    const input = `${base64url(json(header))}.${base64url(json(claims))}`;
    const signature = await crypto.subtle.sign(
      'RSASSA-PKCS1-v1_5',
      keys.privateKey,
      new TextEncoder().encode(input),
    );
    return `${input}.${base64url(signature)}`;
  }

  private keyPair(): Promise<CryptoKeyPair | null> {
    this.keys ??= loadOrCreate().catch(() => null);
    return this.keys;
  }
}

const DATABASE = 'auth-gateway';
const STORE = 'dpop';
const KEY = 'key-pair';

/** The profile's key pair; made once, and by one tab when several start together. */
async function loadOrCreate(): Promise<CryptoKeyPair | null> {
  if (
    typeof indexedDB === 'undefined' ||
    typeof crypto === 'undefined' ||
    crypto.subtle === undefined
  ) {
    return null;
  }
  const database = await open();
  const stored = await read(database);
  if (stored !== undefined) {
    return stored;
  }
  const made = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    false,
    ['sign', 'verify'],
  );
  // add fails when another tab stored its pair first: that one is the profile's
  await new Promise<void>((resolve) => {
    const request = database.transaction(STORE, 'readwrite').objectStore(STORE).add(made, KEY);
    request.onsuccess = () => resolve();
    request.onerror = (event) => {
      event.preventDefault();
      resolve();
    };
  });
  return (await read(database)) ?? made;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function read(database: IDBDatabase): Promise<CryptoKeyPair | undefined> {
  return new Promise((resolve, reject) => {
    const request = database.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
    request.onsuccess = () => resolve(request.result as CryptoKeyPair | undefined);
    request.onerror = () => reject(request.error);
  });
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
