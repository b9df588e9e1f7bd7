package dev.chat.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses requests a browser makes on behalf of a foreign page (cross-site WebSocket hijacking and its
 * HTTP cousins). Clients that send no {@code Origin}, such as nc and command-line tools, are not browsers
 * acting for someone else and are allowed.
 */
@ApplicationScoped
public class OriginPolicy {

    private final List<String> allowed;

    OriginPolicy(OriginConfig config) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream()
                .map(origin -> origin.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    public boolean allows(String origin, String hostHeader) {
        if (origin == null) {
            return true;
        }
        String normalised = origin.trim().toLowerCase(Locale.ROOT);
        return allowed.contains(normalised) || isSameOrigin(normalised, hostHeader);
    }

    private static boolean isSameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            int originPort = uri.getPort() == -1 ? defaultPort : uri.getPort();
            URI host = URI.create("//" + hostHeader.trim().toLowerCase(Locale.ROOT));
            int hostPort = host.getPort() == -1 ? defaultPort : host.getPort();
            return uri.getHost().equals(host.getHost()) && originPort == hostPort;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
