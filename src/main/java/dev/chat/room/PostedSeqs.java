package dev.chat.room;

import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * The seqs an open-mode connection posted, which is how its author is known there: without a token, a
 * name proves nothing. Only the most recent {@link #KEPT} are remembered, more than any history retains.
 */
final class PostedSeqs {

    static final int KEPT = 1024;

    private final LinkedHashSet<Long> seqs = new LinkedHashSet<>();

    synchronized void add(long seq) {
        seqs.add(seq);
        if (seqs.size() > KEPT) {
            Iterator<Long> oldest = seqs.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized boolean contains(long seq) {
        return seqs.contains(seq);
    }
}
