package dev.chat.message;

/**
 * Who a verified token says the client is: {@code uid} is the token's {@code sub}, {@code name} the name
 * shown for it, {@code expiresAt} the token's {@code exp} in seconds since the epoch, {@code rooms} what its
 * rooms claim grants, {@code moderator} whether its groups hold the moderator group.
 */
public record Identity(String uid, String name, long expiresAt, RoomGrants rooms, boolean moderator) {

    public long millisLeft() {
        return expiresAt * 1000 - System.currentTimeMillis();
    }
}
