package dev.chat.hooks;

/** A call to the application that got no usable answer; the message says why, for the log and the sender. */
class HookFailure extends RuntimeException {

    HookFailure(String message) {
        super(message, null, false, false);
    }
}
