// Headless Debian Chromium driven by playwright-core, and a chat page that records anything that
// would mean the page ran something it should not have: a dialog, a CSP violation, a script error.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'target', 'e2e-screenshots');

export function launchBrowser() {
  // Playwright gives every launch a fresh, temporary profile directory of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

// Runs before any of the page's own scripts, in every document the context opens.
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}

export async function newChatPage(browser, server, options = {}) {
  const query = new URLSearchParams();
  for (const key of ['name', 'room', 'transport']) {
    if (options[key] != null) query.set(key, options[key]);
  }
  return openPage(browser, `${server.url}/?${query}`, options);
}

// Any of the service's pages, in a context of its own that records what must not happen there.
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 800 },
    colorScheme: options.colorScheme || 'light',
    deviceScaleFactor: 1,
  });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  const trouble = { dialogs: [], errors: [], console: [] };
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => trouble.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.console.push(message.text());
  });
  await page.goto(url);
  return { context, page, trouble };
}

export async function connect(page) {
  await page.locator('#connect').click();
  await page.locator('#state[data-state="open"]').waitFor({ timeout: 15_000 });
}

export async function say(page, text) {
  await page.locator('#message').fill(text);
  await page.locator('#message').press('Enter');
}

// What the conversation shows, as a person reads it: who said what, in order.
export function shownMessages(page) {
  return page.locator('#messages li.message:not(.pending, .failed)').evaluateAll((items) => items.map((item) => ({
    from: item.querySelector('.from').textContent,
    text: item.querySelector('.text').textContent,
    mine: item.classList.contains('mine'),
  })));
}

export async function waitForMessages(page, count, timeout = 15_000) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#messages li.message:not(.pending, .failed)').length >= n,
    count,
    { timeout },
  );
  return shownMessages(page);
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

let counter = 0;
export function uniqueRoom(prefix) {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
