// What a rejected send or an `error` event carries: the server's error code (bad_request, too_long,
// rate_limited, unavailable, unauthorized, forbidden, ...) and its text.
export class ChatError extends Error {
  constructor(code, text, ref) {
    super(text || code);
    this.name = 'ChatError';
    this.code = code;
    if (ref) this.ref = ref;
  }
}
