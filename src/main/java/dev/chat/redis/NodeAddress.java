package dev.chat.redis;

import java.net.URI;

/**
 * A node's connection string, in the scheme and with the credentials of the configured hosts: Sentinel
 * and Cluster name their nodes by host and port only.
 */
record NodeAddress(String scheme, String userInfo) {

    static NodeAddress like(String configuredHost) {
        URI uri = URI.create(configuredHost.trim());
        return new NodeAddress(uri.getScheme() == null ? "redis" : uri.getScheme(), uri.getRawUserInfo());
    }

    String of(String host, long port) {
        String credentials = userInfo == null ? "" : userInfo + "@";
        String bracketed = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + credentials + bracketed + ":" + port;
    }
}
