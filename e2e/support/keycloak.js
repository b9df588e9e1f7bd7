// A real Keycloak for the sign-in tests: the distribution Maven unpacked into target/keycloak (see .ci/run),
// started in dev mode on loopback ports of its own with the realm in e2e/keycloak imported, on the Temurin 25
// JDK it needs. Its hostname is pinned to the URL it is reached at, so every token's `iss` is the same
// whichever address a client used. KEYCLOAK_URL names one that is already running instead.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { freePort, sleep } from './server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REALM_FILE = path.join(ROOT, 'e2e', 'keycloak', 'chat-realm.json');
const UNPACKED = path.join(ROOT, 'target', 'keycloak');
const PID_FILE = path.join(UNPACKED, 'pid');
const JAVA_HOME = process.env.KEYCLOAK_JAVA_HOME || '/usr/lib/jvm/temurin-25-jdk-amd64';
// About 35 s alone; several minutes on a loaded 2-core machine, and its first start builds itself.
const READY_TIMEOUT_MS = 300_000;
export const REALM = 'chat';
export const ADMIN = { username: 'admin', password: 'admin-password' };

export class Keycloak {
  static async start() {
    const keycloak = new Keycloak();
    if (process.env.KEYCLOAK_URL) {
      keycloak.url = process.env.KEYCLOAK_URL.replace(/\/$/, '');
    } else {
      await keycloak.launch();
    }
    await keycloak.ready();
    return keycloak;
  }

  get issuer() {
    return `${this.url}/realms/${REALM}`;
  }

  async launch() {
    const home = distribution();
    // `--import-realm` reads data/import.
    mkdirSync(path.join(home, 'data', 'import'), { recursive: true });
    copyFileSync(REALM_FILE, path.join(home, 'data', 'import', 'chat-realm.json'));
    const [port, managementPort] = [await freePort(), await freePort()];
    this.url = `http://127.0.0.1:${port}`;
    this.output = '';
    const child = spawn(path.join(home, 'bin', 'kc.sh'), [
      // In memory: every start imports the realm afresh.
      'start-dev', '--import-realm', '--db=dev-mem',
      '--http-host=127.0.0.1', `--http-port=${port}`, `--http-management-port=${managementPort}`,
      `--hostname=${this.url}`,
    ], {
      env: {
        ...process.env,
        JAVA_HOME,
        JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m',
        KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
        KC_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.on('data', (chunk) => { this.output += chunk; });
    child.stderr.on('data', (chunk) => { this.output += chunk; });
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    const orphaned = () => killGroup(child);
    process.once('exit', orphaned);
    this.exited.then(() => process.off('exit', orphaned));
    this.process = child;
    // Its process group, for .ci/run to end should this run die before it stops Keycloak itself.
    writeFileSync(PID_FILE, String(child.pid));
  }

  async ready() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.process?.exitCode != null) throw new Error(`Keycloak exited with ${this.process.exitCode}:\n${this.output}`);
      try {
        const response = await fetch(`${this.issuer}/.well-known/openid-configuration`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
    throw new Error(`Keycloak was not ready within ${READY_TIMEOUT_MS} ms:\n${this.output ?? ''}`);
  }

  // A token by the password grant, as a command-line program of the user's would get one.
  async passwordGrant(username, password, { clientId = 'chat-cli', realm = REALM } = {}) {
    const response = await fetch(`${this.url}/realms/${realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' }),
    });
    if (!response.ok) throw new Error(`password grant for ${username} answered ${response.status}: ${await response.text()}`);
    return (await response.json()).access_token;
  }

  // What the chat service needs to sign people in with this Keycloak.
  serviceConfig() {
    return {
      'chat.auth.mode': 'token',
      'quarkus.oidc.auth-server-url': this.issuer,
      'quarkus.oidc.client-id': 'chat',
      'quarkus.oidc.credentials.secret': 'chat-e2e-secret-0123456789abcdef01',
    };
  }

  async stop() {
    if (!this.process || this.process.exitCode != null) return;
    killGroup(this.process, 'SIGTERM');
    const killer = setTimeout(() => killGroup(this.process, 'SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(killer);
    rmSync(PID_FILE, { force: true });
  }
}

function distribution() {
  const home = existsSync(UNPACKED) && readdirSync(UNPACKED).find((name) => name.startsWith('keycloak-'));
  if (!home) {
    throw new Error(`no Keycloak in ${UNPACKED}: unpack it first (see .ci/run), or set KEYCLOAK_URL`);
  }
  return path.join(UNPACKED, home);
}

// kc.sh runs java as its child: the whole process group goes.
function killGroup(child, signal = 'SIGKILL') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // gone already
  }
}
