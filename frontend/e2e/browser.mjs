// What the browser test files share: Debian's Chromium driven by playwright-core (never a downloaded
// browser), a fresh profile per scenario and a screenshot of every open page when one fails.
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const base = process.env.E2E_BASE_URL ?? 'http://localhost:8080';
export const shots = new URL('../target/screenshots/', import.meta.url).pathname;
let browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => browser?.close());

/** The browser profiles the running scenario opened: it screenshots and closes them all at its end. */
let devices = [];

/** A browser profile of its own, as another device of the same user would have. */
export async function newDevice(options = {}) {
  const device = await browser.newContext({ baseURL: base, viewport: { width: 1000, height: 720 }, ...options });
  devices.push(device);
  return device;
}

/**
 * Runs a scenario in a fresh browser profile, with a screenshot of every page of every profile it opened if
 * it fails.
 */
export function scenario(name, body) {
  test(name, async () => {
    devices = [];
    try {
      await body(await newDevice());
    } catch (error) {
      let i = 0;
      for (const page of devices.flatMap((device) => device.pages())) {
        await page.screenshot({ path: `${shots}${name.replace(/\W+/g, '-')}-${i++}.png` }).catch(() => {});
      }
      throw error;
    } finally {
      await Promise.all(devices.map((device) => device.close().catch(() => {})));
    }
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
