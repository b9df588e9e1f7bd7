package dev.chat.message;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** The name a member is shown under. The server stamps it on every message; clients never choose {@code from}. */
public final class DisplayName {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N} _.\\-]{1,32}");
    private static final String GUEST_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DisplayName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && !name.isBlank();
    }

    public static String guest() {
        StringBuilder name = new StringBuilder("guest-");
        for (int i = 0; i < 4; i++) {
            name.append(GUEST_ALPHABET.charAt(RANDOM.nextInt(GUEST_ALPHABET.length())));
        }
        return name.toString();
    }

    /** An absent name becomes a guest name; an invalid one is {@code null}, which callers answer with 400. */
    public static String resolve(String requested) {
        if (requested == null || requested.isEmpty()) {
            return guest();
        }
        return isValid(requested) ? requested : null;
    }
}
