// What a rejected send or an `error` event carries: the server's error code (bad_request, too_long,
// rejected, rate_limited, unavailable, unauthorized, forbidden, ...) and its text. `rejected` means the
// application's publish hook refused the message; `reason` is then the application's own words.
export class ChatError extends Error {
  constructor(code, text, ref) {
    super(text || code);
    this.name = 'ChatError';
    this.code = code;
    if (ref) this.ref = ref;
    if (code === 'rejected') this.reason = text;
  }
}
