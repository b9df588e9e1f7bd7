// Token mode on the page: the token arrives in the URL fragment (#access_token=...), which never reaches
// a server or a log, and is removed from the address bar at once. The client asks for fresh ones before
// each expires; the page fetches them from the configured token URL with the browser's credentials.

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
  return info.mode === 'token' ? new TokenAccess(token, info.tokenUrl) : null;
}

export class TokenAccess {
  constructor(token, tokenUrl) {
    this.token = token;
    this.tokenUrl = tokenUrl;
  }

  // What the token says about its user, for display only: the server verifies it, the page cannot.
  displayName() {
    const claims = tokenClaims(this.token ?? '');
    return claims.name || claims.preferred_username || claims.sub || '';
  }

  // The client's token option: the fragment's token first, then fresh ones from the token URL.
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

  // A fresh token from the token URL: JSON {"access_token": ...} or the token as plain text.
  async fetchToken() {
    const response = await fetch(this.tokenUrl, { credentials: 'include', cache: 'no-store' });
    if (!response.ok) throw new Error(`token URL answered ${response.status}`);
    const body = (await response.text()).trim();
    const token = body.startsWith('{') ? JSON.parse(body).access_token : body;
    if (!token) throw new Error('token URL gave no token');
    return token;
  }
}
