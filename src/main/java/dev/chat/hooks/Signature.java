package dev.chat.hooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What proves a call came from this service, and when: {@code X-Chat-Timestamp} is the send time in
 * seconds, {@code X-Chat-Signature} is {@code sha256=} and the hex HMAC-SHA256, keyed with
 * {@code chat.hooks.secret}, of {@code <timestamp>.<body>}. The timestamp is inside the signed bytes, so a
 * captured call cannot be replayed later under a fresh timestamp; the receiver refuses old ones.
 */
public final class Signature {

    public static final String SIGNATURE_HEADER = "X-Chat-Signature";
    public static final String TIMESTAMP_HEADER = "X-Chat-Timestamp";

    private Signature() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
