// A TCP proxy in front of the service that a test can cut, as a network does: every connection through
// it drops and new ones are refused until it heals. It can also refuse WebSocket upgrades only, as
// some corporate proxies do.

import { createServer, connect } from 'node:net';

export class CuttableProxy {
  constructor(target) {
    this.target = new URL(target);
    this.sockets = new Set();
    this.cut = false;
    this.blockWebSockets = false;
  }

  static async start(target) {
    const proxy = new CuttableProxy(target);
    await proxy.listen();
    return proxy;
  }

  listen() {
    this.server = createServer((client) => {
      if (this.cut) {
        client.destroy();
        return;
      }
      client.once('data', (first) => {
        if (this.blockWebSockets && /^upgrade:\s*websocket/im.test(first.toString('latin1'))) {
          client.destroy();
          return;
        }
        const upstream = connect(Number(this.target.port), this.target.hostname);
        this.track(client, upstream);
        upstream.write(first);
        client.pipe(upstream).pipe(client);
      });
      client.on('error', () => {});
    });
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => {
      this.url = `http://127.0.0.1:${this.server.address().port}`;
      resolve();
    }));
  }

  track(...sockets) {
    for (const socket of sockets) {
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        for (const other of sockets) other.destroy();
        this.sockets.delete(socket);
      });
    }
  }

  sever() {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  heal() {
    this.cut = false;
  }

  close() {
    this.sever();
    return new Promise((resolve) => this.server.close(resolve));
  }
}
