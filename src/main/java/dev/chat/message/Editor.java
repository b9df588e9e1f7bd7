package dev.chat.message;

/**
 * Who asks to edit a message. {@code mayEditAny} is already decided for a moderator, and for the open-mode
 * connection that posted the message; otherwise only a message carrying the editor's {@code uid} is theirs.
 */
public record Editor(String uid, boolean mayEditAny) {

    public static Editor user(String uid) {
        return new Editor(uid, false);
    }

    public static Editor anyMessage() {
        return new Editor(null, true);
    }

    public static Editor nobody() {
        return new Editor(null, false);
    }

    public boolean mayEdit(String authorUid) {
        return mayEditAny || (uid != null && uid.equals(authorUid));
    }
}
