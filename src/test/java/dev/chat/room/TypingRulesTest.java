package dev.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.chat.fanout.Member;
import dev.chat.message.Resume;
import dev.chat.presence.Person;
import dev.chat.presence.Presence;
import dev.chat.presence.PresenceConfig;
import dev.chat.support.Collected;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TypingRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TypingRules rules;

    @Inject
    Rooms rooms;

    @Inject
    Presence presence;

    @Inject
    PresenceConfig config;

    @Test
    void oneSenderIsRelayedOncePerIntervalAndAnotherOnItsOwn() {
        Collected bob = join("typing-interval", "bob");
        rules.typing("typing-interval", "alice", null);
        rules.typing("typing-interval", "alice", null);
        rules.typing("typing-interval", "carol", null);

        Awaitility.await().atMost(WAIT).until(() -> bob.ofType("typing").size() >= 2);
        rules.typing("typing-interval", "alice", null);
        assertEquals(2, bob.ofType("typing").size(), "alice again within the interval is dropped");
    }

    @Test
    void aRoomPastTheAnnounceLimitIsNotToldOfTyping() {
        String room = "typing-crowd";
        Collected bob = join(room, "bob");
        for (int i = 1; i <= config.announceUpTo(); i++) {
            presence.join(room, Person.named("user-" + i)).await().atMost(WAIT);
        }
        rules.typing(room, "user-1", null);
        rules.typing(room, "bob", null);
        join(room, "sentinel");
        assertTrue(bob.ofType("typing").isEmpty(), "over " + config.announceUpTo() + " online, typing is not fanned out");
    }

    private Collected join(String room, String name) {
        Collected frames = new Collected();
        rooms.join(new Member(room, name, frames), Resume.NONE, null).await().atMost(WAIT);
        return frames;
    }
}
