package dev.chat.message;

/** A message the service refused; nothing about it was stored or delivered. */
public class RejectedException extends RuntimeException {

    private final Rejection rejection;

    public RejectedException(Rejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
