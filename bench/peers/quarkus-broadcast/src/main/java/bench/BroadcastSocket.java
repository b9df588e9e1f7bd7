package bench;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/** Every text message to every open connection of the endpoint, as the Quarkus quickstart writes it. */
@WebSocket(path = "/chat")
public class BroadcastSocket {

    @OnTextMessage(broadcast = true)
    public String relay(String message) {
        return message;
    }
}
