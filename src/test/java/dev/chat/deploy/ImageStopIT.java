package dev.chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;

/**
 * {@code podman stop} with the manifest's terminationGracePeriodSeconds, as the kubelet stops a pod: SIGTERM,
 * and SIGKILL only if the grace runs out. Connected clients are told 1001 within the drain window and the
 * JVM exits on its own inside the grace; an idle instance, one that has had a client, exits as soon as the
 * shutdown delay is over, without waiting out a timeout for requests that will never end.
 */
class ImageStopIT {

    private static final int CLIENTS = 6;
    private static final int KILLED = 137;

    private final ChatDeployment manifest = ChatDeployment.read();

    @Test
    void connectedClientsAreClosedWith1001WithinTheDrainWindowAndTheJvmExitsInsideTheGrace() throws Exception {
        String image = Podman.image("chat.image");
        try (ChatContainer chat = ChatContainer.start(image, "chat-stop-busy", "")) {
            List<ChatClient> clients = new ArrayList<>();
            clients.add(chat.join("/chat/drain?name=user0", Duration.ofSeconds(60)));
            for (int i = 1; i < CLIENTS; i++) {
                clients.add(ChatClient.join(chat.base(), "/chat/drain?name=user" + i));
            }
            long stopping = System.nanoTime();
            Duration stopped = chat.stop(manifest.terminationGracePeriodSeconds());

            long lastClose = 0;
            for (ChatClient client : clients) {
                assertEquals(1001, client.closeCode(), "told the instance is going away");
                lastClose = Math.max(lastClose, client.closedAtNanos() - stopping);
            }
            Duration drained = Duration.ofNanos(lastClose);
            // The window starts when the JVM has the signal; 1.5 s covers its delivery on a loaded machine, and
            // is still before the delay's end, when whatever is left would be closed at once.
            assertTrue(drained.compareTo(manifest.drainWindow().plusMillis(1500)) < 0,
                    "every client closed within the drain window: the last after " + drained.toMillis() + " ms");
            assertTrue(stopped.getSeconds() < manifest.terminationGracePeriodSeconds(), "stopped in " + stopped);
            assertFalse(KILLED == chat.exitCode(), "the JVM exited on SIGTERM, not SIGKILL at the end of the grace");
            assertFalse(chat.logs().contains("Timed out waiting for graceful shutdown"), chat.logs());
            Figures.record("drain of %d clients: last closed %d ms after SIGTERM; container stopped in %d ms (grace %d s)",
                    CLIENTS, drained.toMillis(), stopped.toMillis(), manifest.terminationGracePeriodSeconds());
        }
    }

    @Test
    void anIdleInstanceStopsWhenTheDelayIsOverWithoutTimingOut() throws Exception {
        String image = Podman.image("chat.image");
        try (ChatContainer chat = ChatContainer.start(image, "chat-stop-idle", "")) {
            chat.join("/chat/idle?name=visitor", Duration.ofSeconds(60)).close();
            assertEquals(200, Http.get(chat.base(), "/q/health/ready").statusCode());
            Duration stopped = chat.stop(manifest.terminationGracePeriodSeconds());

            String log = chat.logs();
            assertFalse(log.contains("Timed out waiting for graceful shutdown"), log);
            assertFalse(KILLED == chat.exitCode(), "the JVM exited on SIGTERM");
            assertTrue(stopped.compareTo(manifest.shutdownDelay().plusSeconds(3)) < 0,
                    "an idle instance stops when the shutdown delay is over: " + stopped.toMillis() + " ms");
            Figures.record("idle instance stopped in %d ms", stopped.toMillis());
        }
    }
}
