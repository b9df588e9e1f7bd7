package dev.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the users who are not attacking feel while an attack runs: a calm room where one member sends a
 * message every 200 ms and another receives them (delivery latency measured from the send), and a
 * liveness probe asked every 250 ms, as Kubernetes would. {@link #assertUnharmed} checks the lot:
 * liveness always answered 200, every calm message arrived within a second, and every message the
 * calm sender was acknowledged for is in the room's history.
 */
public final class WhatUsersFeel implements AutoCloseable {

    private final URI base;
    private final String room;
    /** A calm user's query suffix by name: its token in token mode, nothing in open mode. */
    private final UnaryOperator<String> access;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong slowestDeliveryMillis = new AtomicLong();
    private final AtomicLong slowestLivenessMillis = new AtomicLong();
    private final List<String> problems = new ArrayList<>();
    private final List<String> acknowledged = new ArrayList<>();
    private final Thread calm;
    private final Thread probe;
    private volatile long livenessAnswers;

    private WhatUsersFeel(URI base, String room, UnaryOperator<String> access) {
        this.base = base;
        this.room = room;
        this.access = access;
        this.calm = new Thread(this::chat, "calm-room");
        this.probe = new Thread(this::probeLiveness, "liveness-probe");
    }

    public static WhatUsersFeel watch(URI base) {
        return watch(base, name -> "");
    }

    /** In token mode: {@code access} ({@code &access_token=...}) rides on every request of the calm users. */
    public static WhatUsersFeel watch(URI base, String access) {
        return watch(base, name -> access);
    }

    /** In token mode: {@code tokenOf} gives each calm user's token by name, granting the rooms named {@code calm-*}. */
    public static WhatUsersFeel watchSignedIn(URI base, UnaryOperator<String> tokenOf) {
        return watch(base, name -> "&access_token=" + tokenOf.apply(name));
    }

    private static WhatUsersFeel watch(URI base, UnaryOperator<String> access) {
        WhatUsersFeel feel = new WhatUsersFeel(base, "calm-" + Long.toString(System.nanoTime(), 36), access);
        feel.calm.start();
        feel.probe.start();
        return feel;
    }

    private void chat() {
        try (ChatClient sender = ChatClient.join(base, "/chat/" + room + "?name=calm-sender" + access.apply("calm-sender"));
                ChatClient reader = ChatClient.join(base, "/chat/" + room + "?name=calm-reader" + access.apply("calm-reader"))) {
            for (int i = 0; running.get(); i++) {
                String text = "calm " + i;
                long sent = System.nanoTime();
                sender.send(text);
                String received = reader.expect("message").get("text").asText();
                if (!received.equals(text)) {
                    problem("calm reader got " + received + " where " + text + " was next");
                }
                slowestDeliveryMillis.accumulateAndGet((System.nanoTime() - sent) / 1_000_000, Math::max);
                sender.awaitText(text);
                synchronized (acknowledged) {
                    acknowledged.add(text);
                }
                Thread.sleep(200);
            }
        } catch (Throwable failure) {
            problem("calm room: " + failure);
        }
    }

    private void probeLiveness() {
        while (running.get()) {
            long asked = System.nanoTime();
            try {
                HttpResponse<Void> live = Http.CLIENT.send(HttpRequest.newBuilder(Urls.http(base, "/q/health/live"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (live.statusCode() != 200) {
                    problem("liveness answered " + live.statusCode());
                }
                livenessAnswers++;
            } catch (Exception failure) {
                problem("liveness did not answer: " + failure);
            }
            slowestLivenessMillis.accumulateAndGet((System.nanoTime() - asked) / 1_000_000, Math::max);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void problem(String problem) {
        if (running.get()) {
            problems.add(problem);
        }
    }

    private int acknowledgedCount() {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long slowestDeliveryMillis() {
        return slowestDeliveryMillis.get();
    }

    public long slowestLivenessMillis() {
        return slowestLivenessMillis.get();
    }

    /** Stops watching and checks everything the calm users should have felt. */
    public void assertUnharmed() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (acknowledgedCount() < 3 && System.nanoTime() < deadline && calm.isAlive()) {
            pause();
        }
        close();
        synchronized (this) {
            assertEquals(List.of(), problems, "what the other users met");
        }
        assertTrue(livenessAnswers > 0, "liveness was asked");
        assertTrue(slowestDeliveryMillis.get() < 1_000, "calm messages arrived within a second; slowest "
                + slowestDeliveryMillis.get() + " ms");
        List<String> sent;
        synchronized (acknowledged) {
            sent = List.copyOf(acknowledged);
        }
        assertTrue(sent.size() >= 3, "the calm room chatted throughout: " + sent.size());
        JsonNode history = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0" + access.apply("calm-reader")));
        List<String> stored = new ArrayList<>();
        history.get("messages").forEach(message -> stored.add(message.get("text").asText()));
        int retained = Math.min(sent.size(), stored.size());
        assertEquals(sent.subList(sent.size() - retained, sent.size()), stored.subList(stored.size() - retained, stored.size()),
                "every acknowledged calm message is stored, in order");
    }

    @Override
    public void close() {
        if (running.getAndSet(false)) {
            try {
                calm.join(15_000);
                probe.interrupt();
                probe.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
