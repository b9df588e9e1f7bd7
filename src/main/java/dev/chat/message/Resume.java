package dev.chat.message;

/** Where a client left off: the last {@code seq} it saw and the epoch of the history it belongs to. */
public record Resume(Long since, String epoch) {

    public static final Resume NONE = new Resume(null, null);

    public boolean isGiven() {
        return since != null;
    }
}
