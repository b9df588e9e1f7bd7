package dev.chat.redis;

/**
 * The names of a room's keys and channel in Redis. All of them carry the room as their hash tag, so on a
 * Redis Cluster a room's keys, scripts and channel live on one node.
 */
public final class RoomKeys {

    private RoomKeys() {
    }

    public static String meta(String room) {
        return key(room, "meta");
    }

    public static String history(String room) {
        return key(room, "history");
    }

    public static String deleted(String room) {
        return key(room, "deleted");
    }

    /** The room's edited texts over its history, by seq (a hash of JSON {@code {text, edited}}). */
    public static String edits(String room) {
        return key(room, "edits");
    }

    /** Who reacted with what, per retained message: field seq, value JSON {@code [[emoji, [person, ...]], ...]}. */
    public static String reactions(String room) {
        return key(room, "reactions");
    }

    /** Per person online in the room, how many instances hold them. */
    public static String people(String room) {
        return key(room, "people");
    }

    /** Per person online in the room, the name they show under now. */
    public static String shownAs(String room) {
        return key(room, "shown-as");
    }

    /** The people one instance holds in the room, each under the name it holds them by. */
    public static String heldBy(String room, String instance) {
        return key(room, "held:" + instance);
    }

    /** How far each user has read in the room: a hash of uid to seq, expiring with the room. */
    public static String read(String room) {
        return key(room, "read");
    }

    /** The room's events not yet taken by the events endpoint, oldest first (a stream). */
    public static String events(String room) {
        return key(room, "events");
    }

    /** Which instance sends the room's events now, while its lease lasts. */
    public static String eventsLease(String room) {
        return key(room, "events-lease");
    }

    /** The pub/sub channel the room's live events travel on, to the instances that hold its members. */
    public static String channel(String room) {
        return key(room, "live");
    }

    /** The room named by a channel from {@link #channel}. */
    static String roomOf(String channel) {
        return channel.substring(channel.indexOf('{') + 1, channel.lastIndexOf('}'));
    }

    private static String key(String room, String part) {
        return "chat:room:{" + room + "}:" + part;
    }
}
