package dev.chat.hooks;

/** What the application answered: its status and (at most {@code chat.hooks.max-answer-bytes} of) its body. */
record HookAnswer(int status, String body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
