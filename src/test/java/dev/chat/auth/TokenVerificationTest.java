package dev.chat.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.support.Http;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenIssuer.SigningKey;
import dev.chat.support.TokenProfile;
import dev.chat.support.Urls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/** Which tokens the service believes, through the real verification path behind a real HTTP request. */
@QuarkusTest
@TestProfile(TokenProfile.class)
class TokenVerificationTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void rs256AndEs256TokensSignedWithPublishedKeysAreAccepted() {
        TokenIssuer issuer = TokenProfile.issuer();
        assertEquals(200, status(issuer.sign(issuer.claims("alice", 60), issuer.rsa())));
        assertEquals(200, status(issuer.sign(issuer.claims("alice", 60), issuer.ec())));
    }

    @Test
    void aMissingOrUnreadableTokenIs401WithTheBearerChallenge() {
        HttpResponse<String> none = Http.get(base, "/api/rooms/lobby/messages");
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, status("not-a-token"));
        assertEquals(401, status("a.b.c"));
    }

    @Test
    void unsignedWrongIssuerWrongAudienceExpiredAndForgedTokensAre401() {
        TokenIssuer issuer = TokenProfile.issuer();
        long now = Instant.now().getEpochSecond();
        assertEquals(401, status(issuer.unsigned("alice", 60)), "alg none");
        assertEquals(401, status(issuer.sign(issuer.claims("alice", 60).issuer("https://elsewhere.example"), issuer.rsa())),
                "wrong issuer");
        assertEquals(401, status(issuer.sign(issuer.claims("alice", 60).audience("other-app"), issuer.rsa())),
                "wrong audience");
        assertEquals(401, status(issuer.sign(issuer.claims("alice", 60).issuedAt(now - 600).expiresAt(now - 300),
                issuer.rsa())), "expired");
        SigningKey impostor = issuer.unpublished(SignatureAlgorithm.RS256);
        assertEquals(401, status(issuer.sign(issuer.claims("alice", 60), new SigningKey(issuer.rsa().kid(), impostor.pair(),
                SignatureAlgorithm.RS256))), "signed by a key that is not the published one under its kid");
    }

    @Test
    void aKeyRotatedIntoTheJwksIsHonouredWithinSecondsWhileMadeUpKidsCostAtMostOneFetchPerTenSeconds() {
        TokenIssuer issuer = TokenProfile.issuer();
        status(issuer.token("warm-up", 60));
        int before = issuer.fetches();
        for (int i = 0; i < 30; i++) {
            SigningKey madeUp = new SigningKey("made-up-" + i, issuer.rsa().pair(), SignatureAlgorithm.RS256);
            assertEquals(401, status(issuer.sign(issuer.claims("mallory", 60), madeUp)));
        }
        assertTrue(issuer.fetches() - before <= 1, "fetches for 30 unknown kids: " + (issuer.fetches() - before));

        SigningKey rotated = issuer.unpublished(SignatureAlgorithm.ES256);
        issuer.publish(rotated);
        String token = issuer.sign(issuer.claims("alice", 120), rotated);
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> status(token) == 200);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(), "honoured within one refetch interval");
        assertTrue(issuer.fetches() - before <= 3, "fetches in all: " + (issuer.fetches() - before));
    }

    private int status(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Urls.http(base, "/api/rooms/lobby/messages"))
                .header("Authorization", "Bearer " + token).GET();
        return Http.send(request).statusCode();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
