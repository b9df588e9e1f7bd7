package dev.chat.presence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.fanout.Member;
import dev.chat.message.Resume;
import dev.chat.support.Collected;
import dev.chat.support.RedisProfile;
import dev.chat.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisPresenceTest extends PresenceContract {

    private static final int ROOMS = 1000;
    private static final int BEATS = 4;

    /** What keeps an instance's people online costs Redis the same whether they sit in one room or in a thousand. */
    @Test
    void theHeartbeatCostsNoMoreForAThousandRoomsThanForOne() throws InterruptedException {
        List<Member> members = new ArrayList<>();
        String prefix = "beat-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try {
            members.add(join(prefix + 0, "keeper"));
            double oneRoom = commandsPerHeartbeat();
            for (int i = 1; i < ROOMS; i++) {
                members.add(join(prefix + i, "keeper"));
            }
            double thousandRooms = commandsPerHeartbeat();
            System.out.printf("Redis commands per presence heartbeat (%s): 1 room %.1f, %d rooms %.1f%n",
                    config.heartbeat(), oneRoom, ROOMS, thousandRooms);
            assertTrue(thousandRooms < oneRoom + 10, "per heartbeat: " + oneRoom + " with one room, " + thousandRooms
                    + " with " + ROOMS);
        } finally {
            members.forEach(rooms::leave);
        }
    }

    /**
     * An instance that died without a goodbye: its heartbeat ran out, and the first live instance to see it
     * sweeps every room it held, announcing who left, and forgets it.
     */
    @Test
    void theRoomsOfAnInstanceWhoseHeartbeatRanOutAreSwept() {
        RedisServer redis = RedisProfile.server();
        String room = "swept-" + UUID.randomUUID().toString().substring(0, 8);
        String ghost = "ghost-" + UUID.randomUUID();
        Collected alice = (Collected) join(room, "alice").sink();
        String key = "chat:room:{" + room + "}:";
        redis.command("HSET " + key + "held:" + ghost + " n:casper casper");
        redis.command("HSET " + key + "people n:casper 1");
        redis.command("HSET " + key + "shown-as n:casper casper");
        redis.command("SADD chat:presence:instance:{" + ghost + "}:rooms " + room);
        redis.command("ZADD chat:presence:{instances}:heartbeats 1 " + ghost);

        JsonNode left = alice.await("leave", 1).get(0);
        assertEquals("casper", left.get("name").asText());
        assertEquals(1, left.get("online").asInt());
        assertEquals(List.of(Person.named("alice")), rooms.people(room).await().atMost(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(10)).until(() -> ":0".equals(redis.command("EXISTS " + key + "held:" + ghost
                + " chat:presence:instance:{" + ghost + "}:rooms"))
                && "$-1".equals(redis.command("ZSCORE chat:presence:{instances}:heartbeats " + ghost)));
    }

    private Member join(String room, String name) {
        Member member = new Member(room, name, new Collected());
        // On a loaded machine a join may meet a slow Redis; the measure is of the steady state after.
        rooms.join(member, Resume.NONE, null).onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5)
                .await().atMost(Duration.ofSeconds(60));
        return member;
    }

    /** Every command Redis ran (scripts' own calls included), per heartbeat, over a few heartbeats. */
    private double commandsPerHeartbeat() throws InterruptedException {
        RedisServer redis = RedisProfile.server();
        Thread.sleep(config.heartbeat().toMillis());
        long before = commandsSoFar(redis);
        Thread.sleep(config.heartbeat().multipliedBy(BEATS).toMillis());
        return (commandsSoFar(redis) - before - 1) / (double) BEATS;
    }

    private static long commandsSoFar(RedisServer redis) {
        long calls = 0;
        for (String line : redis.info("INFO commandstats").split("\r?\n")) {
            int at = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && at >= 0) {
                calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
            }
        }
        return calls;
    }
}
