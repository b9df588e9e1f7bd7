package dev.chat.budget;

import io.smallrye.mutiny.Uni;

/**
 * How many WebSockets, event streams and waiting long polls one user holds open, against
 * {@code chat.auth.connections-per-user}. Every implementation keeps these rules:
 * <ul>
 * <li>{@link #open} admits while the user holds fewer than the limit, and otherwise fails with
 * {@code TOO_MANY_CONNECTIONS} (429); two opens at once never both take the last place.</li>
 * <li>Each admitted open is given back by exactly one {@link #close}; a close makes room for one more.</li>
 * <li>One user's count never refuses another user.</li>
 * </ul>
 * The count is this instance's with the memory backplane, and the whole cluster's with Redis.
 */
public interface ConnectionBudget {

    /** Takes a place for one more connection of {@code uid}, or fails with a 429 {@code RejectedException}. */
    Uni<Void> open(String uid);

    /** Gives back a place {@link #open} took. */
    void close(String uid);
}
