package dev.chat.support;

import java.net.URI;

public final class Urls {

    private Urls() {
    }

    public static URI ws(URI base, String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceFirst("/$", "") + path);
    }

    public static URI http(URI base, String path) {
        return URI.create(base.toString().replaceFirst("/$", "") + path);
    }
}
