// An identity provider of the test's own, on loopback: an RSA key it generates, its public half as a
// JWKS, RS256 tokens signed with node:crypto, and a token URL that answers a fresh token to whoever its
// cookie names, as an application's backend would for a signed-in user.

import { createServer } from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';

export const ISSUER = 'https://id.e2e.example';
export const AUDIENCE = 'chat';

export class IdentityProvider {
  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'e2e-1', alg: 'RS256', use: 'sig' };
    this.users = new Map(); // cookie value -> claims
    this.lifetimeSeconds = 8;
    this.issued = 0;
  }

  static async start() {
    const provider = new IdentityProvider();
    await provider.listen();
    return provider;
  }

  listen() {
    this.server = createServer((request, response) => {
      if (request.url === '/jwks') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ keys: [this.jwk] }));
        return;
      }
      if (request.url === '/token') {
        const origin = request.headers.origin;
        const cookie = /(?:^|;\s*)chat-user=([^;]+)/.exec(request.headers.cookie || '');
        const claims = cookie && this.users.get(cookie[1]);
        const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
        if (origin) Object.assign(headers, { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
        if (!claims) {
          response.writeHead(401, headers);
          response.end('{}');
          return;
        }
        this.issued += 1;
        response.writeHead(200, headers);
        response.end(JSON.stringify({ access_token: this.token(claims) }));
        return;
      }
      response.writeHead(404);
      response.end();
    });
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => {
      this.url = `http://127.0.0.1:${this.server.address().port}`;
      resolve();
    }));
  }

  // Registers a user the token URL knows by its cookie.
  user(cookie, claims) {
    this.users.set(cookie, claims);
  }

  token(claims, lifetimeSeconds = this.lifetimeSeconds) {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.jwk.kid };
    const payload = { iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + lifetimeSeconds, ...claims };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), this.privateKey).toString('base64url')}`;
  }

  // What the chat service needs to trust this provider, and where its page renews tokens.
  serviceConfig() {
    return {
      'chat.auth.mode': 'token',
      'mp.jwt.verify.publickey.location': `${this.url}/jwks`,
      'mp.jwt.verify.issuer': ISSUER,
      'mp.jwt.verify.audiences': AUDIENCE,
      'chat.auth.token-url': `${this.url}/token`,
    };
  }

  close() {
    return new Promise((resolve) => this.server.close(resolve));
  }
}

function base64url(text) {
  return Buffer.from(text).toString('base64url');
}
