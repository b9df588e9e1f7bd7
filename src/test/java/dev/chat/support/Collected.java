package dev.chat.support;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.Sink;
import dev.chat.wire.Frame;

/** A sink that keeps every frame a member is sent, parsed, for tests that join rooms without a socket. */
public final class Collected implements Sink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new ArrayList<>();

    @Override
    public String transport() {
        return "test";
    }

    /** Nothing to close: the test ends the member itself. */
    @Override
    public void disconnect(Disconnect reason) {
    }

    @Override
    public synchronized void write(Frame frame) {
        try {
            frames.add(JSON.readTree(frame.json()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<JsonNode> ofType(String type) {
        return frames.stream().filter(frame -> frame.path("type").asText().equals(type)).toList();
    }

    public List<Long> seqs() {
        return ofType("message").stream().map(message -> message.get("seq").asLong()).toList();
    }

    /** Waits until {@code count} frames of {@code type} have come, and returns them. */
    public List<JsonNode> await(String type, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ofType(type).size() >= count);
        return ofType(type);
    }
}
