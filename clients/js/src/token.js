// Tokens, when the service runs with chat.auth.mode=token. The client reads a token's claims only to
// know when it expires and whose it is; the server verifies it, the client cannot.

const REFRESH_MARGIN_S = 60;
const STALE_WITHIN_S = 5;

// A JWT's payload, or {} when the token is not one.
export function tokenClaims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

// Milliseconds until a fresh token should be fetched: a minute before exp, or a third of a short lifetime.
export function refreshDelayMs(exp, now = Date.now()) {
  const left = exp - now / 1000;
  return Math.max(0, left - Math.min(REFRESH_MARGIN_S, left / 3)) * 1000;
}

// The token option: a fixed string, or a function that provides one (a fresh one each time it is called).
export class TokenSource {
  constructor(option) {
    this.provider = typeof option === 'function' ? option : null;
    this.current = typeof option === 'string' ? option : null;
  }

  get enabled() {
    return this.provider != null || this.current != null;
  }

  get renewable() {
    return this.provider != null;
  }

  // The token for the next connection: the current one, unless it is missing or about to expire.
  async ready() {
    if (!this.provider) return this.current;
    const exp = this.current ? tokenClaims(this.current).exp : null;
    if (!this.current || (exp && exp - Date.now() / 1000 < STALE_WITHIN_S)) await this.renew();
    return this.current;
  }

  async renew() {
    const token = await this.provider();
    if (!token || typeof token !== 'string') throw new Error('the token provider gave no token');
    this.current = token;
    return token;
  }
}
