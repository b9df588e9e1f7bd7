import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ChatServer, sleep } from '../support/server.js';
import { launchBrowser, say, screenshot, waitForMessages } from '../support/browser.js';
import { Keycloak, ADMIN } from '../support/keycloak.js';

// People sign in through a real Keycloak (e2e/keycloak/chat-realm.json: 60-second access tokens) and the
// service is its confidential client; programs bring Keycloak's bearer tokens, as before.
let keycloak;
let server;
let browser;

before(async () => {
  [keycloak, browser] = await Promise.all([Keycloak.start(), launchBrowser()]);
  server = await ChatServer.start(keycloak.serviceConfig());
}, { timeout: 360_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  await keycloak?.stop();
});

function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

// Through the login form Keycloak itself shows, as a person would.
async function logIn(page, username, password) {
  await page.locator('#username').waitFor({ timeout: 30_000 });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

// A program's WebSocket with a bearer token, from a page of the chat's own origin: resolves with the frames it
// got once `until` says enough, and keeps the socket in window.__socket.
function bearerSocket(page, room, token, until) {
  return page.evaluate(([url, bearer, untilSource]) => new Promise((resolve, reject) => {
    const frames = [];
    const stop = new Function('frames', `return (${untilSource})(frames)`);
    const socket = new WebSocket(url, ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${bearer}`)]);
    window.__socket = socket;
    window.__closed = new Promise((closed) => socket.addEventListener('close', (event) => closed(event.code)));
    socket.addEventListener('message', (event) => {
      frames.push(JSON.parse(event.data));
      if (stop(frames)) resolve(frames);
    });
    socket.addEventListener('close', (event) => reject(new Error(`closed with ${event.code} after ${JSON.stringify(frames)}`)));
  }), [`${server.url.replace('http', 'ws')}/chat/${room}`, token, until.toString()]);
}

test('a person signs in with Keycloak, chats past the token lifetime without a reload, and signs out everywhere', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const tokenRequests = [];
  page.on('request', (sent) => {
    if (sent.url().endsWith('/auth/token')) tokenRequests.push(Date.now());
  });

  // Nobody is signed in: the page offers Sign in instead of Connect.
  await page.goto(`${server.url}/?room=wonderland`);
  await page.locator('#sign-in').waitFor();
  assert.equal(await page.locator('#connect').isHidden(), true);
  await screenshot(page, 'sign-in-offered');
  await page.locator('#sign-in').click();

  // Keycloak's own login form, then back in the chat, in the room asked for, under Keycloak's name.
  assert.ok(page.url().startsWith(keycloak.issuer), `at Keycloak: ${page.url()}`);
  await logIn(page, 'alice', 'alice-password');
  await page.locator('#state[data-state="open"]').waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).origin, server.url);
  assert.equal(await page.locator('#name').inputValue(), 'Alice Liddell');
  assert.equal(await page.locator('#name').evaluate((box) => box.readOnly), true);
  assert.equal(await page.locator('#room').inputValue(), 'wonderland');
  assert.match(await page.locator('#state').textContent(), /WebSocket/i);
  assert.equal(await page.locator('#sign-out').isVisible(), true);
  // The browser holds no token of its own: the session cookie is encrypted and HttpOnly.
  assert.deepEqual(await page.evaluate(() => document.cookie), '');

  // Bob's program, with a token from Keycloak's password grant: its uid is Keycloak's sub, its name Keycloak's.
  const bobToken = await keycloak.passwordGrant('bob', 'bob-password');
  const bobPage = await (await browser.newContext()).newPage();
  await bobPage.goto(`${server.url}/favicon.svg`);
  const [welcome] = await bearerSocket(bobPage, 'wonderland', bobToken, (frames) => frames.some((f) => f.type === 'welcome'));
  assert.equal(welcome.type, 'welcome');
  assert.equal(welcome.uid, claims(bobToken).sub);
  assert.equal(welcome.name, 'Bob Builder');
  await bobPage.evaluate(() => window.__socket.close());

  // Alice talks for longer than one access token lives (60 s), on one socket, without a reload. The wire
  // panel shows what crosses the socket.
  await page.locator('#wire summary').click();
  const started = Date.now();
  const said = [];
  for (let i = 0; Date.now() - started < 80_000; i++) {
    const text = `line ${i} at ${Math.round((Date.now() - started) / 1000)} s`;
    await say(page, text);
    said.push(text);
    await waitForMessages(page, said.length, 30_000);
    await sleep(5_000);
  }
  const shown = await page.locator('#messages li.message:not(.pending, .failed) .text').allTextContents();
  assert.deepEqual(shown, said);
  assert.equal(await page.locator('#messages li.notice', { hasText: 'Connection lost' }).count(), 0, 'the socket never dropped');
  assert.ok(tokenRequests.length >= 2, `renewed from the session: ${tokenRequests.length} token requests`);
  const wire = (await page.locator('#wire-log li').allTextContents()).join('\n');
  assert.match(wire, /"type":"refresh"/, 'a fresh token went over the open socket');
  assert.match(wire, /"type":"refreshed"/, 'and the server took it');
  assert.match(await page.locator('#state').textContent(), /Connected/);
  await screenshot(page, 'signed-in-past-the-first-token');

  // Another site cannot have her token. Keycloak's origin is one: the same host on another port, so the same
  // site, and the SameSite cookie goes with its requests; the service still refuses, and no CORS lets it read.
  const elsewhere = await context.newPage();
  await elsewhere.goto(`${keycloak.issuer}/.well-known/openid-configuration`);
  const network = await watchNetwork(elsewhere, `${server.url}/auth/token`);
  const read = await elsewhere.evaluate((url) => fetch(url, { credentials: 'include' })
    .then((response) => response.text(), () => 'unreadable'), `${server.url}/auth/token`);
  assert.equal(read, 'unreadable');
  const asked = await network.answered();
  assert.equal(asked.headers['sec-fetch-site'], 'same-site');
  assert.match(asked.headers.cookie ?? '', /q_session/, 'the session cookie went along');
  assert.equal(asked.status, 403);
  await elsewhere.close();

  // Another connection of Alice's, a program with her own bearer token, is closed by her signing out.
  const aliceProgram = await (await browser.newContext()).newPage();
  await aliceProgram.goto(`${server.url}/favicon.svg`);
  await bearerSocket(aliceProgram, 'wonderland', await keycloak.passwordGrant('alice', 'alice-password'),
    (frames) => frames.some((f) => f.type === 'welcome'));

  await page.locator('#sign-out').click();
  // Back on the page (post-logout), signed out: Sign in again, and Keycloak asks for the password again.
  await page.locator('#sign-in').waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).origin, server.url);
  assert.equal(await aliceProgram.evaluate(() => window.__closed), 1008, 'her other connection was closed');
  await page.locator('#sign-in').click();
  await page.locator('#username').waitFor({ timeout: 30_000 });
  assert.ok(page.url().startsWith(keycloak.issuer), `the login form again: ${page.url()}`);
  assert.deepEqual(errors, []);
  await context.close();
});

// What the browser really sent to `url` and the status it got, even where CORS keeps both from the page.
async function watchNetwork(page, url) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const ids = new Set();
  const seen = { headers: null, status: null };
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url === url) ids.add(event.requestId);
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
    seen.pending ??= new Map();
    seen.pending.set(event.requestId, event.headers);
  });
  cdp.on('Network.responseReceivedExtraInfo', (event) => {
    seen.statuses ??= new Map();
    seen.statuses.set(event.requestId, event.statusCode);
  });
  return {
    async answered() {
      for (let i = 0; i < 100; i++) {
        const id = [...ids].find((requestId) => seen.statuses?.has(requestId));
        if (id) {
          const headers = Object.fromEntries(Object.entries(seen.pending?.get(id) ?? {})
            .map(([name, value]) => [name.toLowerCase(), value]));
          return { headers, status: seen.statuses.get(id) };
        }
        await sleep(100);
      }
      throw new Error(`no answer seen for ${url}`);
    },
  };
}

// The upgrade's answer: 101 accepted, anything else refused before any WebSocket exists.
function upgrade(room, token) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const asked = request({
      hostname, port, path: `/chat/${room}`,
      headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        Authorization: `Bearer ${token}`,
      },
    });
    asked.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode);
    });
    asked.on('response', (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    asked.on('error', reject);
    asked.end();
  });
}

test('a forged token, another issuer\'s and another audience\'s are refused before the upgrade', async () => {
  const bobToken = await keycloak.passwordGrant('bob', 'bob-password');
  assert.equal(await upgrade('wonderland', bobToken), 101, 'a genuine token is accepted');

  // Bob's token with Alice's sub put in: the signature no longer matches.
  const [header, , signature] = bobToken.split('.');
  const forgedClaims = { ...claims(bobToken), sub: claims(await keycloak.passwordGrant('alice', 'alice-password')).sub };
  const forged = `${header}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${signature}`;
  assert.equal(await upgrade('wonderland', forged), 401, 'forged');

  // Keycloak's master realm: a real token, signed by the same server, for another issuer.
  const foreign = await keycloak.passwordGrant(ADMIN.username, ADMIN.password, { clientId: 'admin-cli', realm: 'master' });
  assert.notEqual(claims(foreign).iss, keycloak.issuer);
  assert.equal(await upgrade('wonderland', foreign), 401, 'foreign issuer');

  // The right issuer, but a token for another application.
  const elsewhere = await keycloak.passwordGrant('bob', 'bob-password', { clientId: 'other-app' });
  assert.equal(claims(elsewhere).iss, keycloak.issuer);
  assert.ok(![claims(elsewhere).aud].flat().includes('chat'), `aud ${claims(elsewhere).aud}`);
  assert.equal(await upgrade('wonderland', elsewhere), 401, 'wrong audience');
});
