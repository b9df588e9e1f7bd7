package dev.chat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * An identity provider of the tests' own: it generates RSA and EC key pairs, serves their public halves
 * as a JWKS over real HTTP on loopback (counting every fetch), rotates keys in on demand, and signs tokens
 * with smallrye-jwt-build.
 */
public final class TokenIssuer implements AutoCloseable {

    public static final String ISSUER = "https://id.test.example";
    public static final String AUDIENCE = "chat";

    private final HttpServer server;
    private final List<SigningKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();
    private final SigningKey rsa;
    private final SigningKey ec;

    /** One key pair with its {@code kid} and the algorithm it signs with. */
    public record SigningKey(String kid, KeyPair pair, SignatureAlgorithm algorithm) {
    }

    private TokenIssuer() {
        rsa = generate("rsa-1", SignatureAlgorithm.RS256);
        ec = generate("ec-1", SignatureAlgorithm.ES256);
        published.add(rsa);
        published.add(ec);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public static TokenIssuer start() {
        return new TokenIssuer();
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** How many times the JWKS has been fetched so far. */
    public int fetches() {
        return fetches.get();
    }

    public SigningKey rsa() {
        return rsa;
    }

    public SigningKey ec() {
        return ec;
    }

    /** A key pair that signs but is not in the JWKS (yet): {@link #publish} puts it there. */
    public SigningKey unpublished(SignatureAlgorithm algorithm) {
        return generate("rotated-" + generation.incrementAndGet(), algorithm);
    }

    public void publish(SigningKey key) {
        published.add(key);
    }

    /** A token for {@code sub}, valid for {@code seconds}, signed with the RSA key. */
    public String token(String sub, long seconds) {
        return sign(claims(sub, seconds), rsa);
    }

    public String token(String sub, long seconds, List<String> rooms) {
        return sign(claims(sub, seconds).claim("rooms", rooms), rsa);
    }

    /** The usual claims: issuer, audience, subject, issued now, expiring after {@code seconds}. */
    public JwtClaimsBuilder claims(String sub, long seconds) {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(sub).issuedAt(now).expiresAt(now + seconds);
    }

    public String sign(JwtClaimsBuilder claims, SigningKey key) {
        return claims.jws().algorithm(key.algorithm()).keyId(key.kid()).sign(key.pair().getPrivate());
    }

    public String moderator(String sub, long seconds) {
        return sign(claims(sub, seconds).groups(Set.of("moderator")), rsa);
    }

    /** An unsigned token ({@code alg: none}) with the same claims a good one would have. */
    public String unsigned(String sub, long seconds) {
        String signed = token(sub, seconds);
        String payload = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private String jwks() {
        List<JsonWebKey> keys = new ArrayList<>();
        for (SigningKey key : published) {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.pair().getPublic());
                jwk.setKeyId(key.kid());
                jwk.setUse("sig");
                jwk.setAlgorithm(key.algorithm().getAlgorithm());
                keys.add(jwk);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static SigningKey generate(String kid, SignatureAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            if (algorithm == SignatureAlgorithm.ES256) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            }
            return new SigningKey(kid, generator.generateKeyPair(), algorithm);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA key's public half as a PEM file, as an operator would hand it to the service. */
    public Path writeRsaPem(Path file) {
        Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + lines.encodeToString(rsa.pair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Config that points the service at this issuer in token mode. */
    public Map<String, String> serviceConfig() {
        return Map.of("chat.auth.mode", "token",
                "mp.jwt.verify.publickey.location", jwksUrl(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
