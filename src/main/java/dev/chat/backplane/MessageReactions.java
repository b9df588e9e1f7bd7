package dev.chat.backplane;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.chat.message.Reaction;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/**
 * Who reacted with what to the messages of one room in memory, and what that costs. Emoji keep the order
 * they were first used in. A message whose reactions were all taken back keeps an empty entry while it is
 * retained, so a resumer who holds it with old counts is told they are gone. The caller holds the room's
 * log monitor.
 */
final class MessageReactions {

    /** An entry's heap beyond its characters: the set slot, the string headers, the map node. */
    private static final int PERSON_OVERHEAD_BYTES = 64;
    private static final int MESSAGE_OVERHEAD_BYTES = 96;

    private final TreeMap<Long, Map<String, Set<String>>> bySeq = new TreeMap<>();

    /** Toggles and answers the bytes it added (negative when it freed some). */
    long toggle(Reaction reaction, int maxEmoji) {
        Map<String, Set<String>> emoji = bySeq.get(reaction.seq());
        long added = 0;
        if (emoji == null) {
            emoji = new LinkedHashMap<>();
            bySeq.put(reaction.seq(), emoji);
            added += MESSAGE_OVERHEAD_BYTES;
        }
        Set<String> people = emoji.get(reaction.emoji());
        if (people == null) {
            if (emoji.size() >= maxEmoji) {
                throw new RejectedException(Rejection.BAD_REQUEST,
                        "a message takes at most " + maxEmoji + " different emoji");
            }
            people = new LinkedHashSet<>();
            emoji.put(reaction.emoji(), people);
        }
        long personBytes = cost(reaction.emoji(), reaction.person());
        if (people.remove(reaction.person())) {
            if (people.isEmpty()) {
                emoji.remove(reaction.emoji());
            }
            return added - personBytes;
        }
        people.add(reaction.person());
        return added + personBytes;
    }

    /** The message's counts, emoji in first-used order; empty when none. */
    Map<String, Integer> counts(long seq) {
        Map<String, Set<String>> emoji = bySeq.get(seq);
        if (emoji == null || emoji.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        emoji.forEach((symbol, people) -> counts.put(symbol, people.size()));
        return counts;
    }

    /** The counts of every message up to {@code seq} that anyone reacted to, in seq order. */
    Map<Long, Map<String, Integer>> upTo(long seq) {
        Map<Long, Map<String, Integer>> found = new LinkedHashMap<>();
        bySeq.headMap(seq, true).keySet().forEach(reacted -> found.put(reacted, counts(reacted)));
        return found;
    }

        /** Forgets the message's reactions (it left history, or was deleted); answers the bytes freed. */
    long forget(long seq) {
        Map<String, Set<String>> emoji = bySeq.remove(seq);
        if (emoji == null) {
            return 0;
        }
        long freed = MESSAGE_OVERHEAD_BYTES;
        for (Iterator<Map.Entry<String, Set<String>>> entries = emoji.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<String, Set<String>> entry = entries.next();
            for (String person : entry.getValue()) {
                freed += cost(entry.getKey(), person);
            }
        }
        return freed;
    }

    private static long cost(String emoji, String person) {
        return PERSON_OVERHEAD_BYTES + 2L * (emoji.length() + person.length());
    }
}
