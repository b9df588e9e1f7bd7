// Token mode on the page. With sign-in (an OpenID provider configured on the service) the person signs in
// through the provider, and the page asks the service for the session's short-lived access token, renewed
// there: the browser never holds a refresh token. Without it, the token arrives in the URL fragment
// (#access_token=...), which never reaches a server or a log and is removed from the address bar at once,
// and fresh ones come from the configured token URL with the browser's credentials.

import { tokenClaims } from '../client/chat.js';

export async function loadAccess() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('access_token');
  if (token) history.replaceState(null, '', location.pathname + location.search);
  let info = { mode: 'open' };
  try {
    const response = await fetch('/api/auth');
    if (response.ok) info = await response.json();
  } catch {
    // an older server, or none yet: open mode
  }
  if (info.mode !== 'token') return null;
  const access = new TokenAccess(token, info.tokenUrl, info.signIn, info.signOut);
  if (access.signIn && !access.token) await access.session();
  return access;
}

export class TokenAccess {
  constructor(token, tokenUrl, signIn = null, signOut = null) {
    this.token = token;
    this.tokenUrl = tokenUrl;
    this.signIn = signIn;
    this.signOut = signOut;
  }

  // The signed-in session's token, if someone is signed in; null otherwise.
  async session() {
    try {
      this.token = await this.fetchToken();
    } catch {
      this.token = null;
    }
    return this.token;
  }

  // Where signing in starts: the provider's login, then back to this page in this room.
  signInUrl(room, transport) {
    const query = new URLSearchParams({ room });
    if (transport && transport !== 'auto') query.set('transport', transport);
    return `${this.signIn}?${query}`;
  }

  // What the token says about its user, for display only: the server verifies it, the page cannot.
  displayName() {
    const claims = tokenClaims(this.token ?? '');
    return claims.name || claims.preferred_username || claims.sub || '';
  }

  // The client's token option: the token in hand first, then fresh ones from the token URL.
  option() {
    if (!this.tokenUrl) return this.token;
    let first = this.token;
    return async () => {
      if (first) {
        const token = first;
        first = null;
        return token;
      }
      this.token = await this.fetchToken();
      return this.token;
    };
  }

  // A fresh token from the token URL: JSON {"access_token": ...} or the token as plain text. The service's own
  // (/auth/token) goes by the session cookie; another service's by its cookies, which CORS must allow.
  async fetchToken() {
    const sameOrigin = new URL(this.tokenUrl, location.href).origin === location.origin;
    const response = await fetch(this.tokenUrl, { credentials: sameOrigin ? 'same-origin' : 'include', cache: 'no-store' });
    if (!response.ok) throw new Error(`token URL answered ${response.status}`);
    const body = (await response.text()).trim();
    const token = body.startsWith('{') ? JSON.parse(body).access_token : body;
    if (!token) throw new Error('token URL gave no token');
    return token;
  }
}
