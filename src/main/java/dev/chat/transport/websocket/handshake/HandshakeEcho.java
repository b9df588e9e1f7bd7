package dev.chat.transport.websocket.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.fanout.Sink;
import dev.chat.wire.Frame;
import dev.chat.wire.Handshake;
import dev.chat.wire.Handshake.Head;
import dev.chat.wire.Handshake.Header;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.quarkus.websockets.next.HttpUpgradeCheck.HttpUpgradeContext;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;

/**
 * For a client that asks with {@code wire=1}: the opening handshake as this service read and answered
 * it, sent as a {@code handshake} frame before {@code welcome}, because a browser page cannot read either
 * side's headers. The request is copied before {@link HandshakeHeaders} trims it; the 101 is read as it
 * leaves, by a handler that sits just above the HTTP encoder for that one write. Any other connection
 * costs one query lookup and holds nothing more.
 *
 * <p>Credentials are not echoed: a token in the query, an {@code Authorization} or {@code Cookie} header,
 * or the token carried in a subprotocol shows as {@value #HIDDEN}.
 */
public final class HandshakeEcho {

    static final String PARAMETER = "wire";
    static final String HIDDEN = "(hidden)";

    private static final TypedKey<HandshakeEcho> ECHO = new TypedKey<>("chat.handshake-echo");
    /** Where a rerouted upgrade (the lobby at {@code /}) keeps the address the client asked for. */
    private static final String ASKED_URI = "chat.handshake-echo.uri";
    private static final String WITNESS = "chat-handshake-witness";
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");
    private static final Pattern TOKEN_IN_QUERY = Pattern.compile("(?i)([?&]access_token=)[^&]*");
    private static final String TOKEN_CARRIER_PREFIX = "quarkus-http-upgrade";

    private final Head request;
    private volatile Head response;

    private HandshakeEcho(Head request) {
        this.request = request;
    }

    /** Before the upgrade is answered: copies the request and watches for the answer, if the client asked. */
    static void watch(HttpUpgradeContext context, HttpServerRequest request, Channel channel) {
        if (!"1".equals(request.getParam(PARAMETER))) {
            return;
        }
        List<Header> headers = new ArrayList<>();
        request.headers().forEach(entry -> headers.add(shown(entry.getKey(), entry.getValue())));
        String line = request.method() + " " + TOKEN_IN_QUERY.matcher(askedUri(request)).replaceAll("$1" + HIDDEN) + " "
                + httpVersion(request);
        HandshakeEcho echo = new HandshakeEcho(new Head(line, List.copyOf(headers)));
        String encoder = encoderName(channel);
        if (encoder != null) {
            channel.pipeline().addAfter(encoder, WITNESS, echo.new Witness());
        }
        context.userData().put(ECHO, echo);
    }

    /** Before a reroute: the address the client asked for, if it asked for the echo, so the echo shows that one. */
    public static void rememberAskedUri(RoutingContext context) {
        if ("1".equals(context.request().getParam(PARAMETER))) {
            context.put(ASKED_URI, context.request().uri());
        }
    }

    /** Once the socket is open, before it joins its room: the frame goes out ahead of the room's opening frames. */
    public static void sendTo(WebSocketConnection connection, Sink sink, ObjectMapper mapper) {
        HandshakeEcho echo = connection.userData().remove(ECHO);
        if (echo == null) {
            return;
        }
        Handshake handshake = new Handshake(echo.request, echo.response);
        try {
            sink.write(new Frame(handshake.type(), mapper.writeValueAsString(handshake), 0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the handshake", e);
        }
    }

    private static String askedUri(HttpServerRequest request) {
        String asked = request instanceof WebServerRequest routed ? routed.routingContext().get(ASKED_URI) : null;
        return asked == null ? request.uri() : asked;
    }

    private static Header shown(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SECRET_HEADERS.contains(lower)) {
            return new Header(name, HIDDEN);
        }
        if (lower.equals("sec-websocket-protocol")) {
            return new Header(name, hideCarriedToken(value));
        }
        return new Header(name, value);
    }

    private static String hideCarriedToken(String protocols) {
        List<String> shown = new ArrayList<>();
        for (String protocol : protocols.split(",")) {
            String trimmed = protocol.trim();
            shown.add(trimmed.startsWith(TOKEN_CARRIER_PREFIX) ? HIDDEN : trimmed);
        }
        return String.join(", ", shown);
    }

    private static String httpVersion(HttpServerRequest request) {
        return switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_2 -> "HTTP/2";
            default -> "HTTP/1.1";
        };
    }

    private static String encoderName(Channel channel) {
        ChannelHandlerContext encoder = channel.pipeline().context(HttpResponseEncoder.class);
        if (encoder == null) {
            encoder = channel.pipeline().context(HttpServerCodec.class);
        }
        return encoder == null ? null : encoder.name();
    }

    private static Head head(HttpResponse answer) {
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : answer.headers()) {
            headers.add(shown(header.getKey(), header.getValue()));
        }
        return new Head(answer.protocolVersion().text() + " " + answer.status().code() + " "
                + answer.status().reasonPhrase(), List.copyOf(headers));
    }

    /** Reads the upgrade's answer on its way to the encoder, then leaves the pipeline. */
    private final class Witness extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof HttpResponse answer) {
                response = head(answer);
                context.pipeline().remove(this);
            }
            super.write(context, message, promise);
        }
    }
}
