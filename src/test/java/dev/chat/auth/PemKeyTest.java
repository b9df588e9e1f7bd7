package dev.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.support.Http;
import dev.chat.support.TokenIssuer;
import dev.chat.support.Urls;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The README's openssl setup: one PEM public key in a file instead of a JWKS URL. */
@QuarkusTest
@TestProfile(PemKeyTest.PemFile.class)
class PemKeyTest {

    private static volatile TokenIssuer issuer;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    URI base;

    @Test
    void tokensSignedWithTheFilesKeyAreAcceptedAndOthersRefused() {
        assertEquals(200, status(issuer.token("alice", 60)));
        assertEquals(401, status(issuer.sign(issuer.claims("alice", 60), issuer.ec())), "a key the file does not hold");
        assertEquals(401, status(issuer.unsigned("alice", 60)));
    }

    private int status(String token) {
        return Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/lobby/messages"))
                .header("Authorization", "Bearer " + token)).statusCode();
    }

    public static class PemFile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            issuer = TokenIssuer.start();
            Path pem = issuer.writeRsaPem(Path.of("target", "pem-key", "verify.pem").toAbsolutePath());
            return Map.of("chat.auth.mode", "token",
                    "mp.jwt.verify.publickey.location", "file:" + pem,
                    "mp.jwt.verify.issuer", TokenIssuer.ISSUER,
                    "mp.jwt.verify.audiences", TokenIssuer.AUDIENCE);
        }

        @Override
        public void stop() {
            if (issuer != null) {
                issuer.close();
            }
        }
    }
}
