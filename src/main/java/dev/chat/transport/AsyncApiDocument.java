package dev.chat.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * Serves the WebSocket and SSE contract ({@code asyncapi.yaml}) beside the OpenAPI document: YAML at
 * {@code /q/asyncapi}, JSON with {@code ?format=json}, as {@code /q/openapi} does. The document is read
 * and converted when it is first asked for, on a worker thread: parsing YAML at boot would hold up the
 * first WebSocket by the time it takes a cold JVM to load and run a YAML parser.
 */
@ApplicationScoped
class AsyncApiDocument {

    static final String RESOURCE = "asyncapi.yaml";

    private volatile Served served;

    void serve(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String toolsRoot) {
        String path = (toolsRoot.startsWith("/") ? toolsRoot : "/" + toolsRoot) + "/asyncapi";
        router.get(path).blockingHandler(context -> {
            boolean json = "json".equalsIgnoreCase(context.request().getParam("format"));
            Served document = document();
            context.response()
                    .putHeader("Content-Type", json ? "application/json" : "application/yaml;charset=UTF-8")
                    .end(json ? document.json() : document.yaml());
        });
    }

    private Served document() {
        Served document = served;
        if (document == null) {
            byte[] yaml = read();
            document = new Served(Buffer.buffer(yaml), Buffer.buffer(toJson(yaml)));
            served = document;
        }
        return document;
    }

    private record Served(Buffer yaml, Buffer json) {
    }

    private static byte[] read() {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toJson(byte[] yaml) {
        try {
            return new ObjectMapper().writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("asyncapi.yaml is not valid YAML", e);
        }
    }
}
