// What the HTTP transports share: sending is a POST (lecture ch. 9-11 all send this way),
// and the URLs of a room's API.

export function roomUrl(room, suffix = '', params = {}) {
  const url = new URL(`/api/rooms/${encodeURIComponent(room)}${suffix}`, location.href);
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') url.searchParams.set(key, value);
  }
  return url;
}

// In token mode the token goes in the Authorization header; the server takes the name from it.
export function authHeaders(access) {
  return access ? { Authorization: `Bearer ${access.token}` } : {};
}

export async function postMessage(room, name, message, wire, access) {
  const url = roomUrl(room, '/messages');
  const body = JSON.stringify(access ? message : { name, ...message });
  wire?.('↑', `POST ${url.pathname} ${body}`);
  const response = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders(access) }, body,
  });
  const answer = await response.json().catch(() => ({}));
  wire?.('↓', `${response.status} ${JSON.stringify(answer)}`);
  if (!response.ok) {
    const error = new Error(answer.error || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return answer;
}

// A guest name chosen here, because HTTP clients have no connection for the server to name.
export function guestName() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let name = 'guest-';
  for (let i = 0; i < 4; i++) name += alphabet[Math.floor(Math.random() * alphabet.length)];
  return name;
}
