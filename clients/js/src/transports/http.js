// What the HTTP transports share: the URLs of a room's API, the token header, and sending as a POST
// (lecture ch. 9-11 all send this way). The POST answers with the stored message.

import { ChatError } from '../error.js';

export function roomUrl(base, room, suffix = '', params = {}) {
  const url = new URL(`api/rooms/${encodeURIComponent(room)}${suffix}`, base);
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') url.searchParams.set(key, value);
  }
  return url;
}

// In token mode the token goes in the Authorization header; the server takes the name from it.
export function authHeaders(token) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function postMessage(ctx, name, message) {
  const url = roomUrl(ctx.base, ctx.room, '/messages');
  const token = ctx.token();
  const body = JSON.stringify(token ? message : { name, ...message });
  ctx.wire('↑', `POST ${url.pathname} ${body}`);
  const response = await ctx.env.fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders(token) }, body,
  });
  const answer = await response.json().catch(() => ({}));
  ctx.wire('↓', `${response.status} ${JSON.stringify(answer)}`);
  if (!response.ok) {
    const error = new Error(answer.reason || answer.error || `HTTP ${response.status}`);
    error.status = response.status;
    error.code = CODES[response.status] ?? 'refused';
    error.retryAfterMs = Number(response.headers.get('Retry-After')) * 1000 || 0;
    throw error;
  }
  return answer;
}

// An edit over HTTP answers with the room's `edit`; a refusal rejects with the server's code.
export async function patchMessage(ctx, { seq, text }) {
  const url = roomUrl(ctx.base, ctx.room, `/messages/${encodeURIComponent(seq)}`);
  const body = JSON.stringify({ text });
  ctx.wire('↑', `PATCH ${url.pathname} ${body}`);
  const response = await ctx.env.fetch(url, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', ...authHeaders(ctx.token()) }, body,
  });
  const answer = await response.json().catch(() => ({}));
  ctx.wire('↓', `${response.status} ${JSON.stringify(answer)}`);
  if (!response.ok) {
    const error = new Error(answer.reason || answer.error || `HTTP ${response.status}`);
    error.status = response.status;
    error.code = CODES[response.status] ?? 'refused';
    throw error;
  }
  return answer;
}

// Toggles a reaction; the answer is the message's counts, as the 'reactions' event everyone receives.
export async function postReaction(ctx, name, seq, emoji) {
  const url = roomUrl(ctx.base, ctx.room, `/messages/${encodeURIComponent(seq)}/reactions`);
  const token = ctx.token();
  const body = JSON.stringify(token ? { emoji } : { emoji, name });
  ctx.wire('↑', `POST ${url.pathname} ${body}`);
  const response = await ctx.env.fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders(token) }, body,
  });
  const answer = await response.json().catch(() => ({}));
  ctx.wire('↓', `${response.status} ${JSON.stringify(answer)}`);
  if (!response.ok) throw new ChatError(CODES[response.status] ?? 'refused', answer.error || `HTTP ${response.status}`);
  return answer;
}

// Typing is a hint: the server answers 204 whether it relayed it or dropped it within its interval, and a
// failed one is not worth reporting.
export async function postTyping(ctx, name) {
  const url = roomUrl(ctx.base, ctx.room, '/typing');
  const token = ctx.token();
  const body = JSON.stringify(token ? {} : { name });
  ctx.wire('↑', `POST ${url.pathname} ${body}`);
  try {
    const response = await ctx.env.fetch(url, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders(token) }, body,
    });
    ctx.wire('↓', `${response.status}`);
  } catch {
    // the next keystroke tries again
  }
}

// A read mark over HTTP (token mode): 204 whether written at once or coalesced with the user's next one.
export async function postRead(ctx, seq) {
  const url = roomUrl(ctx.base, ctx.room, '/read');
  const body = JSON.stringify({ seq });
  ctx.wire('↑', `POST ${url.pathname} ${body}`);
  const response = await ctx.env.fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders(ctx.token()) }, body,
  });
  ctx.wire('↓', `${response.status}`);
  if (!response.ok) {
    const answer = await response.json().catch(() => ({}));
    const error = new Error(answer.reason || answer.error || `HTTP ${response.status}`);
    error.status = response.status;
    error.code = CODES[response.status] ?? 'refused';
    throw error;
  }
}

// The same codes a WebSocket's error frames carry, so a caller sees one vocabulary on every transport.
const CODES = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 410: 'gone', 413: 'too_long', 422: 'rejected', 429: 'rate_limited', 503: 'unavailable' };

// A guest name chosen here, because HTTP clients have no connection for the server to name.
export function guestName() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let name = 'guest-';
  for (let i = 0; i < 4; i++) name += alphabet[Math.floor(Math.random() * alphabet.length)];
  return name;
}
