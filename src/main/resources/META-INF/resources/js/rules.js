// The server's rules for names and rooms, checked before connecting. A refused WebSocket upgrade
// (HTTP 400) reaches a page only as close 1006, so the page explains the rule itself instead.

const NAME = /^[\p{L}\p{N} _.-]{1,32}$/u;
const ROOM = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const NAME_RULE = 'A name is 1–32 letters, digits, spaces, “_”, “-” or “.”. Leave it empty to be a guest.';
export const ROOM_RULE = 'A room is lowercase letters and digits, then “_” or “-” if you like, up to 64 characters, e.g. “lobby” or “team-3”.';

// An empty name is allowed: the server then picks a guest name.
export function nameProblem(name) {
  return name === '' || NAME.test(name) ? null : NAME_RULE;
}

export function roomProblem(room) {
  return ROOM.test(room) ? null : ROOM_RULE;
}
