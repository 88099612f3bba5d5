package dev.chronoscope.emulator.coord.wire;

import java.util.Arrays;
import java.util.Optional;

/** Wire names of the protocol's messages and who may send each. */
public enum MessageType {
    HELLO(Sender.CLIENT),
    BLOCKED(Sender.CLIENT),
    SENT(Sender.CLIENT),
    RECEIVED(Sender.CLIENT),
    COLLECTIVE_ARRIVE(Sender.CLIENT),
    GOODBYE(Sender.CLIENT),
    WELCOME(Sender.COORDINATOR),
    REFUSED(Sender.COORDINATOR),
    GRANT(Sender.COORDINATOR),
    COLLECTIVE_DONE(Sender.COORDINATOR),
    HEARTBEAT(Sender.EITHER),
    ERROR(Sender.EITHER);

    public enum Sender { CLIENT, COORDINATOR, EITHER }

    private final Sender sender;

    MessageType(Sender sender) {
        this.sender = sender;
    }

    public boolean sentByClients() {
        return sender != Sender.COORDINATOR;
    }

    public boolean sentByCoordinator() {
        return sender != Sender.CLIENT;
    }

    public static Optional<MessageType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
