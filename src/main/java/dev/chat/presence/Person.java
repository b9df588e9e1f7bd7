package dev.chat.presence;

import java.util.Comparator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Someone who can be online in a room. In token mode a person is the verified user ({@code uid}), shown
 * under the name it joined with last; in open mode a person is a name, and {@code uid} is null.
 */
@RegisterForReflection
public record Person(String uid, String name) {

    /** By name, then by uid: two people under one name stay apart, in a stable order. */
    public static final Comparator<Person> ORDER = Comparator.comparing(Person::name)
            .thenComparing(Person::uid, Comparator.nullsFirst(Comparator.naturalOrder()));

    public static Person named(String name) {
        return new Person(null, name);
    }

    /** What presence counts: one per uid in token mode, one per name in open mode, never the two mixed up. */
    String key() {
        return uid != null ? "u:" + uid : "n:" + name;
    }

    static Person of(String key, String name) {
        return key.startsWith("u:") ? new Person(key.substring(2), name) : named(name);
    }
}
