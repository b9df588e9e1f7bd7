package dev.chat.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script Redis runs atomically. It is sent by its SHA-1 and only in full when the server does not
 * know it yet (first use, or after a restart that flushed the script cache).
 */
public final class RedisScript {

    private final String source;
    private final String sha;

    public RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Runs on the node that serves the keys: a room's keys share its hash tag, so that is one node. */
    public Uni<Response> run(RedisNodes nodes, List<String> keys, List<String> args) {
        return run(request -> nodes.send(keys.get(0), request), keys, args);
    }

    /** Runs on this connection, so that a {@code WAIT} sent after it on the same connection waits for its writes. */
    public Uni<Response> run(RedisConnection connection, List<String> keys, List<String> args) {
        return run(connection::send, keys, args);
    }

    private Uni<Response> run(Function<Request, Uni<Response>> send, List<String> keys, List<String> args) {
        return send.apply(request(Command.EVALSHA, sha, keys, args))
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> send.apply(request(Command.EVAL, source, keys, args)));
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
