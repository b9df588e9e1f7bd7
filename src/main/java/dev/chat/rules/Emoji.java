package dev.chat.rules;

import java.util.regex.Pattern;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/**
 * What a reaction may be: one user-perceived character, an extended grapheme cluster. Java's {@code \X}
 * keeps emoji ZWJ sequences, flags, keycaps, tag sequences and skin tones together (Java 17 already);
 * {@code BreakIterator} before Java 20 splits them, so it is not used.
 */
public final class Emoji {

    /** The longest recommended emoji sequence is 15 UTF-16 units; this leaves room for a few newer ones. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");

    private Emoji() {
    }

    public static boolean isValid(String emoji) {
        return emoji != null && !emoji.isEmpty() && emoji.length() <= MAX_LENGTH
                && emoji.codePoints().noneMatch(point -> Character.isWhitespace(point) || Character.isISOControl(point))
                && ONE_GRAPHEME.matcher(emoji).matches();
    }

    /** The emoji, or a refusal that says what a reaction must be. */
    public static String check(String emoji) {
        if (!isValid(emoji)) {
            throw new RejectedException(Rejection.BAD_REQUEST,
                    "emoji must be a single emoji (one grapheme, at most " + MAX_LENGTH + " characters)");
        }
        return emoji;
    }
}
