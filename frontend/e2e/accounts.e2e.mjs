// Browser tests of a real deployment's accounts: demo off, the first admin from the bootstrap settings.
// Run against a system started as the README's "Run it for real" says, with .ci/compose.e2e.yml laid over
// (a change needs a log-in of the last 20 seconds there, E2E_RECENT_LOGIN_SECONDS), and these settings:
//   E2E_BASE_URL=http://localhost:8080 E2E_ADMIN_USERNAME=root E2E_ADMIN_PASSWORD=... node --test e2e/accounts.e2e.mjs
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { newDevice, scenario, shots, sleep } from './browser.mjs';

const admin = process.env.E2E_ADMIN_USERNAME ?? 'root';
const temporary = process.env.E2E_ADMIN_PASSWORD;
const recentLogin = Number(process.env.E2E_RECENT_LOGIN_SECONDS ?? 20);

/** Logs in with a temporary password and chooses a new one, as the app asks. */
async function logInFirstTime(page, username, temporaryPassword, chosen) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(temporaryPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('New password again').fill(chosen);
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await page.waitForURL('**/my-data');
}

/** An admin creates the user in the console; the temporary password it shows once. */
async function createUser(adminPage, username) {
  await adminPage.getByRole('link', { name: 'Admin' }).click();
  await adminPage.getByRole('heading', { name: 'Users' }).waitFor();
  await adminPage.getByLabel('New username').fill(username);
  await adminPage.getByRole('button', { name: 'Create' }).click();
  const notice = await adminPage.getByRole('status').textContent();
  const handedOver = notice.match(/Temporary password: (\S+)/)?.[1];
  assert.ok(handedOver, `a temporary password in "${notice}"`);
  await adminPage.getByRole('row', { name: username }).waitFor();
  return handedOver;
}

async function logIn(page, username, password) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/my-data');
}

scenario('the bootstrap admin creates a user who then manages their own sessions, and it is all audited', async (context) => {
  assert.ok(temporary, 'E2E_ADMIN_PASSWORD names the bootstrap admin password');
  const adminPage = await context.newPage();
  await logInFirstTime(adminPage, admin, temporary, 'the-first-admins-own-password');

  // the admin creates a user; the console shows the temporary password once
  const username = `carol-${Date.now().toString(36)}`;
  const handedOver = await createUser(adminPage, username);
  await adminPage.screenshot({ path: `${shots}admin-console.png` });

  // the user logs in on a laptop, must choose a password, then logs in on a phone too
  const laptopDevice = await newDevice();
  const phoneDevice = await newDevice({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1' });
  const user = await laptopDevice.newPage();
  await logInFirstTime(user, username, handedOver, 'carols-chosen-password');
  const phone = await phoneDevice.newPage();
  await logIn(phone, username, 'carols-chosen-password');

  // on the account page the user ends the phone's session
  await user.getByRole('link', { name: username }).click();
  await user.getByRole('heading', { name: 'Account' }).waitFor();
  const phoneSession = user.getByRole('listitem', { name: 'Safari on iPhone' });
  await phoneSession.waitFor();
  await user.getByText('This session', { exact: true }).waitFor();
  await user.screenshot({ path: `${shots}account.png`, fullPage: true });
  await phoneSession.getByRole('button', { name: 'End this session' }).click();
  await phoneSession.waitFor({ state: 'detached' });

  // the phone's next start finds its session ended
  await phone.goto('/my-data');
  await phone.getByRole('heading', { name: 'Log in' }).waitFor();
  // the user's own session goes on
  await user.goto('/my-data');
  await user.getByRole('heading', { name: 'My data' }).waitFor();

  // the admin sees it all in the audit log
  await adminPage.getByRole('link', { name: 'Audit log' }).click();
  await adminPage.getByRole('heading', { name: 'Audit log' }).waitFor();
  for (const action of ['session.ended', 'password.changed', 'user.created']) {
    await adminPage.getByRole('cell', { name: action, exact: true }).first().waitFor();
  }
  await adminPage.getByLabel('Action').fill('session.ended');
  await adminPage.getByRole('button', { name: 'Filter' }).click();
  await adminPage.getByRole('cell', { name: username }).first().waitFor();
  await adminPage.screenshot({ path: `${shots}admin-audit.png` });
});

/** RFC 6238's code for a base32 secret at a 30-second step, as an authenticator app computes it. */
function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 30_000);

scenario('a user sets up an authenticator app, and the next log-in asks for its code', async (context) => {
  const adminPage = await context.newPage();
  await logIn(adminPage, admin, 'the-first-admins-own-password');
  const username = `erin-${Date.now().toString(36)}`;
  const handedOver = await createUser(adminPage, username);

  const device = await newDevice();
  const page = await device.newPage();
  await logInFirstTime(page, username, handedOver, 'erins-chosen-password');
  await page.getByRole('link', { name: username }).click();
  await page.getByRole('button', { name: 'Set up an authenticator' }).click();
  // on a slow machine the log-in may be older than the short window CI sets: confirm it then
  await page.locator('code.secret, [role=dialog]').first().waitFor();
  if (await page.getByRole('dialog').isVisible()) {
    await page.getByLabel('Your password').fill('erins-chosen-password');
    await page.getByRole('button', { name: 'Confirm' }).click();
  }
  const secret = (await page.locator('code.secret').textContent()).trim();
  await page.screenshot({ path: `${shots}totp-enrolment.png`, fullPage: true });
  await page.getByLabel('Code from the app').fill(totp(secret, stepNow()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByText('Your recovery codes').waitFor();
  assert.equal(await page.locator('ul.codes li').count(), 10);

  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.getByRole('link', { name: 'Log in' }).waitFor();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('erins-chosen-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Second step' }).waitFor();
  // the code of the step after the one that turned it on: a code is good once
  await page.getByLabel('Code').fill(totp(secret, stepNow() + 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL('**/my-data');
});

scenario('a password change long after the log-in asks the user to confirm it is them, then goes through', async (context) => {
  const adminPage = await context.newPage();
  await logIn(adminPage, admin, 'the-first-admins-own-password');
  const username = `fay-${Date.now().toString(36)}`;
  const handedOver = await createUser(adminPage, username);

  const device = await newDevice();
  const page = await device.newPage();
  await logInFirstTime(page, username, handedOver, 'fays-chosen-password');
  await page.getByRole('link', { name: username }).click();
  // longer than the recent log-in a change needs here (ACCOUNTS_RECENT_AUTHENTICATION in .ci/compose.e2e.yml)
  await sleep((recentLogin + 2) * 1000);
  await page.getByLabel('Current password').fill('fays-chosen-password');
  await page.getByLabel('New password', { exact: true }).fill('fays-second-password');
  await page.getByLabel('New password again').fill('fays-second-password');
  await page.getByRole('button', { name: 'Change password' }).click();

  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await dialog.waitFor();
  await page.screenshot({ path: `${shots}step-up.png` });
  await dialog.getByLabel('Your password').fill('fays-chosen-password');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Password changed.').waitFor();
  await dialog.waitFor({ state: 'detached' });
});

/**
 * A passkey authenticator built into this browser profile: Chromium's virtual authenticator (the DevTools
 * protocol's WebAuthn domain), which verifies its user and makes discoverable credentials. While its user is
 * "present" it answers every request at once, the login page's autofill request included; `present(false)`
 * leaves requests waiting, as a user who has not touched the sensor yet would, and a request that started
 * waiting stays so: be present before the request that should be answered starts.
 */
async function addBuiltInAuthenticator(context, page) {
  const devtools = await context.newCDPSession(page);
  await devtools.send('WebAuthn.enable');
  const { authenticatorId } = await devtools.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await devtools.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    present: (enabled) => devtools.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
  };
}

async function logOut(page) {
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.getByRole('link', { name: 'Log in' }).waitFor();
}

scenario('a user adds a passkey, then logs in with it alone and as the step after the password', async (context) => {
  const adminPage = await context.newPage();
  await logIn(adminPage, admin, 'the-first-admins-own-password');
  const username = `gus-${Date.now().toString(36)}`;
  const handedOver = await createUser(adminPage, username);

  const device = await newDevice();
  const page = await device.newPage();
  const authenticator = await addBuiltInAuthenticator(device, page);
  await logInFirstTime(page, username, handedOver, 'guss-chosen-password');
  await page.getByRole('link', { name: username }).click();
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Work laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  // on a slow machine the log-in may be older than the short window CI sets: confirm it then
  const added = page.getByText('Work laptop', { exact: true });
  await page.getByRole('dialog').or(added).first().waitFor();
  if (await page.getByRole('dialog').isVisible()) {
    await page.getByLabel('Your password').fill('guss-chosen-password');
    await page.getByRole('button', { name: 'Confirm' }).click();
  }
  await added.waitFor();
  const stored = await authenticator.credentials();
  assert.equal(stored.length, 1);
  assert.equal(stored[0].isResidentCredential, true, 'a discoverable credential');
  await page.screenshot({ path: `${shots}passkeys.png`, fullPage: true });

  // the login page offers the passkey in the username field's autofill: a present user picks it, and is in
  await logOut(page);
  await page.goto('/login');
  await page.waitForURL('**/my-data');
  await page.getByRole('link', { name: username }).waitFor();

  // "Sign in with a passkey": no username, no password
  await logOut(page);
  await authenticator.present(false);
  await page.goto('/login');
  const passkeyButton = page.getByRole('button', { name: 'Sign in with a passkey' });
  await passkeyButton.waitFor();
  await page.screenshot({ path: `${shots}passkey-login.png` });
  // present before the click: a request already waiting is not answered when the user becomes present
  await authenticator.present(true);
  await passkeyButton.click();
  await page.waitForURL('**/my-data');
  await page.getByRole('link', { name: username }).waitFor();

  // the password now leads to the passkey as the second step
  await logOut(page);
  await authenticator.present(false);
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('guss-chosen-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Second step' }).waitFor();
  // the right password ended the autofill's request, so only the second step's asks the authenticator
  await authenticator.present(true);
  await page.getByRole('button', { name: 'Use my passkey' }).click();
  await page.waitForURL('**/my-data');
  assert.ok((await authenticator.credentials())[0].signCount >= 3, 'the authenticator counted every use');

  // the last log-in went through the second step, not the autofill's passkey alone
  await adminPage.getByRole('link', { name: 'Audit log' }).click();
  await adminPage.getByLabel('Action').fill('mfa.succeeded');
  await adminPage.getByRole('button', { name: 'Filter' }).click();
  await adminPage.getByRole('cell', { name: username }).first().waitFor();
});
