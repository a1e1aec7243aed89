// Browser end-to-end tests: Debian's Chromium driven by playwright-core, against the running system
// through the gateway. Run with the system up and a short access token lifetime (see .ci/compose.e2e.yml):
//   E2E_BASE_URL=http://localhost:8080 E2E_TOKEN_LIFETIME_SECONDS=10 node --test e2e/app.e2e.mjs
import assert from 'node:assert/strict';
import { generateKeyPairSync, createHash, randomUUID, sign } from 'node:crypto';

import { base, newDevice, scenario, shots, sleep } from './browser.mjs';

const lifetime = Number(process.env.E2E_TOKEN_LIFETIME_SECONDS ?? 10);

async function logIn(page, username = 'alice', password = `${username}-password-1`) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/my-data');
}

async function seesHerData(page) {
  await page.getByRole('heading', { name: 'My data' }).waitFor();
  await page.getByText("Alice's shopping list").waitFor({ timeout: 15_000 });
}

scenario('a user logs in and sees her protected data with a DPoP-bound token, and no script can read a token', async (context) => {
  const page = await context.newPage();
  await page.goto('/');
  await page.getByText("Alice's reading tips").waitFor();
  await page.screenshot({ path: `${shots}public-data.png` });

  // every API call carries the token bound to this browser's key, and a fresh proof by that key
  const apiCalls = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/protected-data')) {
      apiCalls.push(request.headers());
    }
  });
  // the test's own view of the token response, which no script in the page has
  const issued = [];
  // kept as it arrives: its body is read later, or the count below could run before the read had finished
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/auth/token' && response.status() === 200) {
      issued.push(response.json().then((body) => ({ proof: response.request().headers().dpop, body })));
    }
  });
  await logIn(page);
  await seesHerData(page);
  await page.screenshot({ path: `${shots}my-data.png` });
  assert.ok(apiCalls.length > 0, 'the app read her data');
  for (const headers of apiCalls) {
    assert.match(headers.authorization ?? '', /^DPoP /, 'a DPoP-bound token');
    assert.ok(headers.dpop, 'with a proof');
  }
  assert.equal(new Set(apiCalls.map((headers) => headers.dpop)).size, apiCalls.length, 'a new proof each time');
  assert.equal(issued.length, 1, 'one login');
  const [login] = await Promise.all(issued);
  assert.equal(login.body.token_type, 'DPoP');
  if (process.env.E2E_DPOP_NONCES === 'true') {
    assert.ok(claimsOf(login.proof).nonce, "the login's proof carries the gateway's nonce");
  }

  // the same token, copied out, is no use without the browser's key: as a bearer token or with another key
  const token = login.body.access_token;
  const api = `${base}/api/protected-data`;
  const asBearer = await fetch(api, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(asBearer.status, 401, 'the bound token as a bearer token');
  const withAnotherKey = await fetch(api, {
    headers: { Authorization: `DPoP ${token}`, DPoP: proofByAnotherKey('GET', api, token) },
  });
  assert.equal(withAnotherKey.status, 401, 'the bound token with a proof by another key');
  assert.match(withAnotherKey.headers.get('www-authenticate') ?? '', /^DPoP /);

  const storage = await page.evaluate(() => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    cookies: document.cookie,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, cookies: '' });
  const cookies = await context.cookies();
  const refresh = cookies.find((cookie) => cookie.name === 'refresh_token');
  assert.ok(refresh, 'the refresh cookie is set');
  assert.equal(refresh.httpOnly, true);
  assert.equal(refresh.sameSite, 'Strict');
  assert.equal(refresh.path, '/auth');

  // the account page, on a phone-sized screen
  await page.setViewportSize({ width: 390, height: 760 });
  await page.getByRole('link', { name: 'alice' }).click();
  await page.getByRole('heading', { name: 'Account' }).waitFor();
  await page.getByText('data:read data:write').waitFor();
  await page.screenshot({ path: `${shots}account-phone.png` });
});

scenario('a failed login says so without saying which part was wrong', async (context) => {
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('not-her-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  const alert = await page.getByRole('alert').textContent();
  assert.match(alert, /username or password is incorrect/);
  assert.equal(new URL(page.url()).pathname, '/login');
});

scenario('a reload keeps the user logged in', async (context) => {
  const page = await context.newPage();
  await logIn(page);
  await seesHerData(page);

  await page.reload();
  await seesHerData(page);
  assert.equal(new URL(page.url()).pathname, '/my-data');
});

scenario('two tabs stay logged in through several token lifetimes and the next action still works', async (context) => {
  const first = await context.newPage();
  await logIn(first);
  await seesHerData(first);
  const second = await context.newPage();
  await second.goto('/my-data');
  await seesHerData(second);

  for (let round = 0; round < 3; round++) {
    await sleep((lifetime + 2) * 1000);
    for (const page of [first, second]) {
      await page.getByRole('link', { name: 'Public data' }).click();
      await page.getByRole('link', { name: 'My data' }).click();
      await seesHerData(page);
    }
  }
  // a refresh token presented twice would have revoked the session; both tabs are still in
  await first.reload();
  await seesHerData(first);
});

scenario('a user creates, edits and deletes an item', async (context) => {
  const page = await context.newPage();
  await logIn(page);
  await seesHerData(page);
  const title = `Note ${Date.now()}`;

  await page.getByLabel('Title').first().fill(title);
  await page.getByLabel('Text').first().fill('written in the browser');
  await page.getByRole('button', { name: 'Add' }).click();
  const item = page.locator('li', { hasText: title });
  await item.waitFor();

  await item.getByRole('button', { name: 'Edit' }).click();
  // while it is edited, the title is in an input, not in the item's text
  const form = page.locator('.items li form');
  await form.getByLabel('Title').fill(`${title} (edited)`);
  await form.getByLabel('Public').check();
  await form.getByRole('button', { name: 'Save' }).click();
  const edited = page.locator('li', { hasText: `${title} (edited)` });
  await edited.getByText('public').waitFor();

  page.once('dialog', (dialog) => dialog.accept());
  await edited.getByRole('button', { name: 'Delete' }).click();
  await edited.waitFor({ state: 'detached' });
});

scenario('logging out ends the session, also after a reload', async (context) => {
  const page = await context.newPage();
  await logIn(page);
  await seesHerData(page);

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('link', { name: 'Log in' }).waitFor();

  await page.goto('/my-data');
  await page.waitForURL('**/login?returnUrl=%2Fmy-data');
  await page.reload();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
});

scenario('logging out everywhere ends the session on another device too', async (context) => {
  const laptop = await context.newPage();
  await logIn(laptop);
  await seesHerData(laptop);
  const phoneContext = await newDevice();
  const phone = await phoneContext.newPage();
  await logIn(phone);
  await seesHerData(phone);

  await laptop.getByRole('link', { name: 'alice' }).click();
  await laptop.getByRole('button', { name: 'Log out everywhere' }).click();
  await laptop.waitForURL('**/login');

  // the phone's access token runs out, its refresh is refused, and it lands on the login page
  await sleep((lifetime + 2) * 1000);
  await phone.getByRole('link', { name: 'Public data' }).click().catch(() => {});
  await phone.goto('/my-data');
  await phone.getByRole('heading', { name: 'Log in' }).waitFor();
});

function claimsOf(jws) {
  return JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString());
}

/** A well-made proof (RFC 9449) by a key the test just made: everything right but the key. */
function proofByAnotherKey(method, url, token) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } };
  const claims = {
    jti: randomUUID(),
    htm: method,
    htu: url,
    iat: Math.floor(Date.now() / 1000),
    ath: createHash('sha256').update(token).digest('base64url'),
  };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
