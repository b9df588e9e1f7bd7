package dev.chat.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.TokenProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A token is a password for as long as it lives: it reaches neither the access log nor the service's log. */
@QuarkusTest
@TestProfile(TokenProfile.class)
class TokensStayOutOfLogsTest {

    private static final Path LOGS = Path.of("target", "token-mode");

    @TestHTTPResource("/")
    URI base;

    @Test
    void noTokenInTheAccessLogOrTheServiceLogWhetherAcceptedOrRefused() throws IOException {
        String good = TokenProfile.issuer().token("olga", 60);
        String forged = TokenProfile.issuer().unsigned("olga", 60);
        Http.get(base, "/api/rooms/lobby/messages?access_token=" + good);
        Http.get(base, "/api/rooms/lobby/messages?access_token=" + forged);
        Http.get(base, "/api/rooms/nope/messages?access_token=" + good);
        ChatClient.join(base, "/chat/lobby?access_token=" + good).close();
        ChatClient.refusal(base, "/chat/lobby?access_token=" + forged, Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> logs().contains("/api/rooms/nope/messages"));
        String written = logs();
        for (String token : new String[] { good, forged }) {
            assertFalse(written.contains(token), "a token in the logs");
            assertFalse(written.contains(token.substring(token.lastIndexOf('.', token.length() - 2) + 1)),
                    "a token's signature in the logs");
        }
        assertFalse(written.contains("access_token"), "the query string in the logs");
    }

    private static String logs() throws IOException {
        if (!Files.isDirectory(LOGS)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
