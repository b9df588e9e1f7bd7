package dev.chat.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The AsyncAPI document as the service serves it, turned into checks: per channel, the messages the
 * service sends and receives, each with its payload compiled by a JSON Schema validator (draft-07, which
 * AsyncAPI's schema format extends). It records which documented messages were seen and every frame
 * that did not validate, so a test can drive the service and then ask what the contract missed. A message
 * marked {@code x-auth-mode} belongs to that mode only: the service in another mode must never send it, and
 * is not asked to.
 */
public final class AsyncApiContract {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private final JsonNode document;
    private final String mode;
    private final Map<String, String> modes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, JsonSchema>> sent = new LinkedHashMap<>();
    private final Map<String, Map<String, JsonSchema>> received = new LinkedHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private AsyncApiContract(JsonNode document, String mode) {
        this.document = document;
        this.mode = mode;
        document.get("operations").forEach(operation -> {
            String channel = resolve(operation.get("channel")).get("address").asText();
            Map<String, Map<String, JsonSchema>> direction = switch (operation.get("action").asText()) {
                case "send" -> sent;
                case "receive" -> received;
                default -> throw new IllegalStateException("unknown action in " + operation);
            };
            operation.get("messages").forEach(reference -> {
                JsonNode message = resolve(reference);
                modes.put(message.get("name").asText(), message.path("x-auth-mode").asText(""));
                direction.computeIfAbsent(channel, key -> new LinkedHashMap<>())
                        .put(message.get("name").asText(), compile(message.get("payload")));
            });
        });
    }

    /** Reads the document from the running service, which runs in {@code chat.auth.mode} {@code mode}. */
    public static AsyncApiContract served(URI base, String path, String mode) {
        try {
            return new AsyncApiContract(new ObjectMapper(new YAMLFactory()).readTree(Http.get(base, path).body()), mode);
        } catch (Exception e) {
            throw new IllegalStateException("the AsyncAPI document at " + path + " does not parse", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Checks a frame the service sent on the channel at {@code address}: its {@code type} names the message. */
    public void sentOn(String address, JsonNode frame) {
        check(sent, address, frame.path("type").asText(), frame);
    }

    /** Checks what the service sent where frames carry no {@code type} (the hooks): {@code name} says which message it means. */
    public void sentOn(String address, String name, JsonNode payload) {
        check(sent, address, name, payload);
    }

    /** Checks a frame a test client sent to the service: {@code name} says which documented message it means. */
    public void receivedOn(String address, String name, JsonNode frame) {
        check(received, address, name, frame);
    }

    /** Every documented message of this mode on the channel, in either direction, that was never checked. */
    public Set<String> unseenOn(String address) {
        Set<String> unseen = new TreeSet<>();
        sent.getOrDefault(address, Map.of()).keySet().forEach(name -> addIfUnseen(unseen, "send", address, name));
        received.getOrDefault(address, Map.of()).keySet().forEach(name -> addIfUnseen(unseen, "receive", address, name));
        return unseen;
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public Set<String> channels() {
        Set<String> channels = new TreeSet<>(sent.keySet());
        channels.addAll(received.keySet());
        return channels;
    }

    /**
     * Whether the {@code websocket} server lists the close: an entry with its code, and with its reason when
     * the entry names one (1008 means several things, told apart by the reason).
     */
    public boolean documentsClose(int code, String reason) {
        for (JsonNode entry : document.path("servers").path("websocket").path("x-close-codes")) {
            if (entry.get("code").asInt() == code && (!entry.has("reason") || entry.get("reason").asText().equals(reason))) {
                return true;
            }
        }
        return false;
    }

    /** The numbers listed under {@code key} (for example {@code x-close-codes}) on the server named {@code server}. */
    public Set<Integer> listed(String server, String key, String field) {
        Set<Integer> numbers = new TreeSet<>();
        document.path("servers").path(server).path(key).forEach(entry -> numbers.add(entry.get(field).asInt()));
        return numbers;
    }

    private void check(Map<String, Map<String, JsonSchema>> direction, String address, String name, JsonNode frame) {
        String action = direction == sent ? "send" : "receive";
        JsonSchema schema = direction.getOrDefault(address, Map.of()).get(name);
        if (schema == null) {
            violations.add(action + " " + address + ": undocumented frame " + frame);
            return;
        }
        seen.add(action + " " + address + " " + name);
        if (!inThisMode(name)) {
            violations.add(action + " " + address + " " + name + ": documented for " + modes.get(name) + " mode only, sent in "
                    + mode + " mode: " + frame);
        }
        Set<ValidationMessage> problems = schema.validate(frame);
        if (!problems.isEmpty()) {
            violations.add(action + " " + address + " " + name + ": " + frame + " " + problems);
        }
    }

    private boolean inThisMode(String name) {
        String only = modes.getOrDefault(name, "");
        return only.isEmpty() || only.equals(mode);
    }

    private void addIfUnseen(Set<String> unseen, String action, String address, String name) {
        if (inThisMode(name) && !seen.contains(action + " " + address + " " + name)) {
            unseen.add(action + " " + name);
        }
    }

    /** The payload schema, rooted in a copy that carries the document's components, so its $refs resolve. */
    private JsonSchema compile(JsonNode payload) {
        ObjectNode rooted = ((ObjectNode) payload).deepCopy();
        rooted.set("components", document.get("components"));
        return SCHEMAS.getSchema(rooted);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String pointer = current.get("$ref").asText();
            if (!pointer.startsWith("#")) {
                throw new IllegalStateException("only local references are expected: " + pointer);
            }
            current = document.at(pointer.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("dangling reference " + pointer);
            }
        }
        return current;
    }
}
