// Runs the packaged service (target/quarkus-app/quarkus-run.jar) as a child process on a free port,
// and can stop and start it again on that same port, as a restart in production would.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const JAR = process.env.CHAT_JAR || path.join(ROOT, 'target', 'quarkus-app', 'quarkus-run.jar');
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export class ChatServer {
  // `config`: system properties for the service, such as { 'chat.auth.mode': 'token' }.
  constructor(port, config = {}) {
    this.config = config;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.process = null;
    this.output = '';
  }

  static async start(config = {}) {
    if (!existsSync(JAR)) {
      throw new Error(`${JAR} is missing: build it first with ./mvnw -B package -DskipTests`);
    }
    const server = new ChatServer(await freePort(), config);
    await server.start();
    return server;
  }

  async start() {
    this.output = '';
    const child = spawn(JAVA, [
      `-Dquarkus.http.port=${this.port}`,
      '-Dquarkus.http.host=127.0.0.1',
      // The suite's HTTP posts stand in for a crowd, but all come from 127.0.0.1, which shares one bucket;
      // a test's own configuration comes after, so it wins.
      '-Dchat.rate-limit.address-burst=1000',
      ...Object.entries(this.config).map(([key, value]) => `-D${key}=${value}`),
      '-Xmx256m',
      '-jar', JAR,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => { this.output += chunk; });
    child.stderr.on('data', (chunk) => { this.output += chunk; });
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    // A test run that dies must not leave the service holding its port.
    const orphaned = () => child.kill('SIGKILL');
    process.once('exit', orphaned);
    this.exited.then(() => process.off('exit', orphaned));
    this.process = child;
    await this.ready();
  }

  async ready() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.process.exitCode != null) {
        throw new Error(`the service exited with ${this.process.exitCode}:\n${this.output}`);
      }
      try {
        const response = await fetch(`${this.url}/q/health/ready`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the service was not ready within ${READY_TIMEOUT_MS} ms:\n${this.output}`);
  }

  // SIGTERM is a graceful shutdown: the service closes every WebSocket with 1001 on its way out.
  async stop() {
    if (!this.process || this.process.exitCode != null) return;
    this.process.kill('SIGTERM');
    const killer = setTimeout(() => this.process?.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(killer);
    this.process = null;
  }

  async restart() {
    await this.stop();
    await this.start();
  }

  // Another member of a room, speaking through the HTTP API as curl would.
  async post(room, name, text) {
    const response = await fetch(`${this.url}/api/rooms/${room}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, text }),
    });
    if (response.status !== 201) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
