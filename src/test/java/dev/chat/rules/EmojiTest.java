package dev.chat.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.BreakIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = { "👍", "👍🏽", "👨‍👩‍👧", "🇰🇷", "❤️", "#️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "👩🏽‍❤️‍💋‍👨🏻", "é" })
    void oneGraphemeIsAReaction(String emoji) {
        assertTrue(Emoji.isValid(emoji), emoji);
        assertEquals(emoji, Emoji.check(emoji));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ab", "👍👍", "", " ", "\n", "🇰🇷🇰", "👍 " })
    void moreThanOneGraphemeOrNoneIsNot(String emoji) {
        assertFalse(Emoji.isValid(emoji), emoji);
        RejectedException refused = assertThrows(RejectedException.class, () -> Emoji.check(emoji));
        assertEquals(Rejection.BAD_REQUEST, refused.rejection());
    }

    @Test
    void nullAndOverLongAreRefused() {
        assertFalse(Emoji.isValid(null));
        // One grapheme by the rules (a base and many combining marks), but far past any real emoji.
        String zalgo = "a" + "\u0301".repeat(Emoji.MAX_LENGTH);
        assertFalse(Emoji.isValid(zalgo));
        assertTrue(Emoji.isValid("a" + "\u0301".repeat(Emoji.MAX_LENGTH - 2)));
    }

    /** Why the rule uses \X: Java 17's BreakIterator splits the sequences people react with. */
    @Test
    void breakIteratorWouldSplitWhatIsOneEmoji() {
        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText("👨‍👩‍👧");
        int breaks = 0;
        while (characters.next() != BreakIterator.DONE) {
            breaks++;
        }
        assertTrue(breaks > 1 || Runtime.version().feature() >= 20, "BreakIterator on Java " + Runtime.version());
        assertTrue(Emoji.isValid("👨‍👩‍👧"));
    }
}
