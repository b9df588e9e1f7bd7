// Sec-WebSocket-Accept as RFC 6455 §4.2.2 derives it from the client's Sec-WebSocket-Key, one step at a
// time, so the page can show each: the key, key + GUID, the SHA-1 of that, and its base64.

export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export async function deriveAccept(key) {
  const concatenated = key + WEBSOCKET_GUID;
  const digest = new Uint8Array(await sha1(new TextEncoder().encode(concatenated)));
  const hex = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const accept = btoa(String.fromCharCode(...digest));
  return { key, concatenated, hex, accept };
}

// crypto.subtle exists only in a secure context (https, or localhost); elsewhere the same SHA-1 in a few lines.
async function sha1(bytes) {
  if (globalThis.crypto?.subtle) return globalThis.crypto.subtle.digest('SHA-1', bytes);
  return sha1InScript(bytes);
}

function sha1InScript(bytes) {
  const length = bytes.length;
  const words = new Uint32Array((((length + 8) >> 6) + 1) * 16);
  for (let i = 0; i < length; i++) words[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
  words[length >> 2] |= 0x80 << (24 - (length % 4) * 8);
  words[words.length - 1] = length * 8;
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 80; t++) {
      w[t] = t < 16 ? words[block + t] : rotate(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }
    let [a, b, c, d, e] = h;
    for (let t = 0; t < 80; t++) {
      const [f, k] = t < 20 ? [(b & c) | (~b & d), 0x5a827999] : t < 40 ? [b ^ c ^ d, 0x6ed9eba1]
        : t < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const next = (rotate(a, 5) + f + e + k + w[t]) >>> 0;
      [e, d, c, b, a] = [d, c, rotate(b, 30), a, next];
    }
    h[0] = (h[0] + a) >>> 0; h[1] = (h[1] + b) >>> 0; h[2] = (h[2] + c) >>> 0; h[3] = (h[3] + d) >>> 0; h[4] = (h[4] + e) >>> 0;
  }
  const digest = new Uint8Array(20);
  h.forEach((word, i) => new DataView(digest.buffer).setUint32(i * 4, word));
  return digest.buffer;
}

function rotate(value, bits) {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}
