package dev.chat.scaleout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.ServiceInstance;

/** What the scale-out tests do and read alike: instances started together, numbered sends, what arrived. */
final class Conversation {

    private Conversation() {
    }

    /** Three instances of the packaged service with one configuration, each ready. */
    static List<ServiceInstance> startThree(String prefix, Map<String, String> config) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            instances.add(ServiceInstance.start(prefix + name, config));
        }
        instances.forEach(ServiceInstance::awaitReady);
        return instances;
    }

    /** Stops each, the next one even when one fails. */
    static void stopAll(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the next one still has to stop
            }
        }
    }

    static void sendMany(ChatClient client, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            client.send(prefix + i);
        }
    }

    static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("seq").asLong()).toList();
    }

    static List<String> seqAndText(List<JsonNode> messages) {
        List<String> seen = new ArrayList<>();
        messages.forEach(message -> seen.add(message.get("seq").asLong() + ":" + message.get("text").asText()));
        return seen;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
