package dev.chat.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The upgrade request a client sends. A server that keeps the request's headers for the connection's
 * life pays for every byte of them, so the idle-memory points are measured with what a browser really
 * sends, not only with what RFC 6455 requires.
 */
enum Handshake {

    /** What RFC 6455 requires, and nothing else. */
    MINIMAL,
    /**
     * What Chromium sends from a page with a session: its User-Agent, Origin (the page's own), language,
     * encodings, cache headers, a Cookie of about 400 bytes, and an offer of permessage-deflate.
     */
    BROWSER;

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    static Handshake named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    byte[] request(String host, int port, String path, int client) {
        String authority = host + ":" + port;
        StringBuilder request = new StringBuilder(1024).append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n")
                .append("Connection: Upgrade\r\n");
        if (this == BROWSER) {
            request.append("Pragma: no-cache\r\n")
                    .append("Cache-Control: no-cache\r\n")
                    .append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        request.append("Upgrade: websocket\r\n");
        if (this == BROWSER) {
            request.append("Origin: http://").append(authority).append("\r\n");
        }
        request.append("Sec-WebSocket-Version: 13\r\n");
        if (this == BROWSER) {
            request.append("Accept-Encoding: gzip, deflate, br, zstd\r\n")
                    .append("Accept-Language: en-US,en;q=0.9,de;q=0.8\r\n")
                    .append("Cookie: ").append(cookie(client)).append("\r\n");
        }
        request.append("Sec-WebSocket-Key: ").append(key(client)).append("\r\n");
        if (this == BROWSER) {
            request.append("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** An analytics id, a few preferences and a session id: 400 bytes, different for every client. */
    private static String cookie(int client) {
        String cookie = "_ga=GA1.1." + (1_000_000_000L + client) + ".1732000000; theme=dark; lang=en; "
                + "consent=necessary%2Canalytics; session=" + base64(client, 400);
        return cookie.substring(0, 400);
    }

    private static String key(int client) {
        return base64(client, 16);
    }

    private static String base64(int seed, int bytes) {
        byte[] value = new byte[bytes];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < bytes; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            value[i] = (byte) x;
        }
        return Base64.getEncoder().encodeToString(value);
    }
}
