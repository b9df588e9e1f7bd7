package dev.chat.conformance;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.vertx.core.buffer.Buffer;

/**
 * Echoes every message back, so the fuzzing client and the raw-frame tests can
 * probe the server's WebSocket settings without any chat logic in the way.
 */
@WebSocket(path = "/conformance/echo")
public class EchoSocket {

    @OnTextMessage
    String echo(String text) {
        return text;
    }

    @OnBinaryMessage
    Buffer echo(Buffer data) {
        return data;
    }
}
