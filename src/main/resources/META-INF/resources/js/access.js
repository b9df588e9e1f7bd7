// Token mode on the page: the token arrives in the URL fragment (#access_token=...), which never reaches
// a server or a log, and is removed from the address bar at once. Before it expires a fresh one is
// fetched from the configured token URL with the browser's credentials.

const REFRESH_MARGIN_S = 60;

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
  claims() {
    try {
      const payload = this.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent([...atob(payload)].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
      return JSON.parse(json);
    } catch {
      return {};
    }
  }

  displayName() {
    const claims = this.claims();
    return claims.name || claims.preferred_username || claims.sub || '';
  }

  // Seconds until the page should have a fresh token: a minute before exp, or a third of a short lifetime.
  refreshInSeconds(exp) {
    const now = Date.now() / 1000;
    const left = exp - now;
    return Math.max(0, left - Math.min(REFRESH_MARGIN_S, left / 3));
  }

  // A fresh token from the token URL: JSON {"access_token": ...} or the token as plain text.
  async refresh() {
    if (!this.tokenUrl) return null;
    const response = await fetch(this.tokenUrl, { credentials: 'include', cache: 'no-store' });
    if (!response.ok) throw new Error(`token URL answered ${response.status}`);
    const body = (await response.text()).trim();
    const token = body.startsWith('{') ? JSON.parse(body).access_token : body;
    if (!token) throw new Error('token URL gave no token');
    this.token = token;
    return token;
  }
}
