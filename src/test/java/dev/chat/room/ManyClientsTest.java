package dev.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ManyClientsTest {

    private static final int CLIENTS = 300;
    private static final int SENDERS = 10;
    private static final int MESSAGES_EACH = 10;

    @TestHTTPResource("/")
    URI base;

    @Test
    void severalHundredClientsReceiveEveryMessageInTheSameOrder() throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(ChatClient.join(base, "/chat/crowd?name=member" + i));
            }
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                ChatClient sender = clients.get(s * (CLIENTS / SENDERS));
                int id = s;
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int m = 0; m < MESSAGES_EACH; m++) {
                        sender.send("sender " + id + " message " + m);
                    }
                }, pool));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();

            int total = SENDERS * MESSAGES_EACH;
            List<String> reference = texts(clients.get(0).messages(total));
            for (int m = 0; m < total; m++) {
                assertEquals(total, reference.size());
            }
            for (ChatClient client : clients.subList(1, clients.size())) {
                assertEquals(reference, texts(client.messages(total)));
            }
        } finally {
            clients.forEach(ChatClient::close);
            pool.shutdownNow();
        }
    }

    private static List<String> texts(List<JsonNode> messages) {
        long expectedSeq = messages.get(0).get("seq").asLong();
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messages) {
            assertEquals(expectedSeq++, message.get("seq").asLong(), "seq has no holes");
            texts.add(message.get("seq").asLong() + ":" + message.get("text").asText());
        }
        return texts;
    }
}
