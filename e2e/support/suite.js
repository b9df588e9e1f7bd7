import { before, after } from 'node:test';
import { ChatServer } from './server.js';
import { launchBrowser } from './browser.js';

/**
 * Starts the packaged service and a headless Chromium before a test file's tests and stops both after
 * them. The returned object holds `server` and `browser` once they are up.
 */
export function serverAndBrowser() {
  const shared = {};
  before(async () => {
    [shared.server, shared.browser] = await Promise.all([ChatServer.start(), launchBrowser()]);
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}
