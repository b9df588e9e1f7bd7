package dev.chat.connections;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/** How many connections each client address holds open on the HTTP port right now. */
@ApplicationScoped
public class AddressConnections {

    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    /** Counts one more connection for {@code address} and answers how many it holds now. */
    int acquire(String address) {
        return open.merge(address, 1, Integer::sum);
    }

    void release(String address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    public int of(String address) {
        return open.getOrDefault(address, 0);
    }

    /** Addresses holding at least one connection; an address that holds none costs nothing. */
    public int addresses() {
        return open.size();
    }
}
