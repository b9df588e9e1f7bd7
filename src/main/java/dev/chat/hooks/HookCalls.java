package dev.chat.hooks;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * POSTs signed JSON to the application without blocking a thread. Redirects are not followed (a hook that
 * moved is a configuration error, and following would send the signed body elsewhere), and no more than
 * {@code chat.hooks.max-answer-bytes} of an answer is read.
 */
@ApplicationScoped
class HookCalls {

    private final HooksConfig config;
    private final HttpClient client;

    HookCalls(Vertx vertx, HooksConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setMaxRedirects(0));
    }

    Uni<HookAnswer> post(String url, String json, Duration timeout) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setFollowRedirects(false).setTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "chat-hooks");
        config.secret().ifPresent(secret -> {
            long now = System.currentTimeMillis() / 1000;
            options.putHeader(Signature.TIMESTAMP_HEADER, String.valueOf(now));
            options.putHeader(Signature.SIGNATURE_HEADER, Signature.sign(secret, now, json));
        });
        return client.request(options)
                .flatMap(request -> request.send(Buffer.buffer(json)))
                .flatMap(this::read)
                .ifNoItem().after(timeout).failWith(() -> new HookFailure("no answer within " + timeout.toMillis() + " ms"))
                .onFailure(failure -> !(failure instanceof HookFailure))
                .transform(failure -> new HookFailure(describe(failure, timeout)));
    }

    private Uni<HookAnswer> read(HttpClientResponse response) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            abandon(response);
            return Uni.createFrom().failure(new HookFailure("answered " + status + " (redirect to "
                    + response.getHeader("Location") + "); redirects are not followed"));
        }
        int cap = config.maxAnswerBytes();
        String length = response.getHeader("Content-Length");
        if (length != null && parse(length) > cap) {
            abandon(response);
            return Uni.createFrom().failure(new HookFailure("answer of " + length + " bytes is over " + cap));
        }
        Buffer body = Buffer.buffer();
        return response.toMulti()
                .invoke(chunk -> {
                    body.appendBuffer(chunk);
                    if (body.length() > cap) {
                        abandon(response);
                        throw new HookFailure("answer is over " + cap + " bytes");
                    }
                })
                .collect().last()
                .map(ignored -> new HookAnswer(status, body.toString()));
    }

    /** Stops reading: the connection is dropped rather than drained, and its reset is expected, not an error. */
    private static void abandon(HttpClientResponse response) {
        response.exceptionHandler(expected -> {
        });
        response.request().reset();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(Throwable failure, Duration timeout) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (message.contains("timeout") || message.contains("Timeout")) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return "call failed: " + message;
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
