package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.server.Coordinator;
import dev.chronoscope.emulator.coord.wire.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frames that break the protocol get an ERROR that says what was wrong, then the connection closes. */
class BadFrameTest {

    private static Message.Error errorFor(byte[] payload) throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(1));
             RawClient client = new RawClient(coordinator.port())) {
            client.sendPayload(payload);
            Message reply = client.next();
            assertThat(client.next()).as("connection closed after the ERROR").isNull();
            assertThat(coordinator.status().registered()).isZero();
            return (Message.Error) reply;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedJsonIsNamedWithItsByteOffset() throws Exception {
        assertThat(errorFor(utf8("{\"type\":\"HELLO\",,}")).message())
                .startsWith("frame 1: malformed JSON at byte 16: Unexpected character (','");
    }

    @Test
    void unknownTypeIsNamed() throws Exception {
        assertThat(errorFor(utf8("{\"type\":\"TELEPORT\"}")).message())
                .startsWith("frame 1: unknown message type 'TELEPORT' (known: [HELLO, BLOCKED, ");
    }

    @Test
    void frameThatIsNotAnObjectIsNamed() throws Exception {
        assertThat(errorFor(utf8("[1,2]")).message()).isEqualTo("frame 1: a frame must hold one JSON object, got ARRAY");
    }

    @Test
    void wrongFieldTypeIsNamed() throws Exception {
        assertThat(errorFor(utf8("{\"type\":\"HELLO\",\"versions\":[1],\"token\":\"t\",\"name\":\"n\",\"pid\":-3}")).message())
                .isEqualTo("frame 1: HELLO: field 'pid' must be an integer >= 0, got -3");
    }

    @Test
    void anythingBeforeHelloIsRefused() throws Exception {
        assertThat(errorFor(utf8("{\"type\":\"BLOCKED\",\"wake\":5,\"seen\":0}")).message())
                .isEqualTo("frame 1: expected HELLO first, got BLOCKED");
    }

    @Test
    void coordinatorMessagesFromAClientAreRefused() throws Exception {
        assertThat(errorFor(utf8("{\"type\":\"GRANT\",\"time\":5}")).message())
                .isEqualTo("frame 1: GRANT is sent by the coordinator, not by clients");
    }

    @Test
    void oversizeLengthPrefixIsNamed() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(1));
             RawClient client = new RawClient(coordinator.port())) {
            client.sendRaw(new byte[] {(byte) 0x80, 0, 0, 0});
            assertThat(client.next()).isEqualTo(new Message.Error(
                    "frame 1: length 2147483648 bytes is outside 1..1048576 (the 4-byte big-endian length prefix)", null));
        }
    }

    @Test
    void aRegisteredClientSendingABadFrameFailsTheRunNamingClientFrameAndField() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(1));
             RawClient client = new RawClient(coordinator.port())) {
            assertThat(client.hello(coordinator.token(), "sloppy", 99, -1)).isInstanceOf(Message.Welcome.class);
            client.sendPayload(utf8("{\"type\":\"BLOCKED\",\"wake\":5}"));

            String expected = "client 'sloppy' (id 0, pid 99) sent a bad frame: frame 2: BLOCKED: missing field 'seen'";
            assertThat(client.next()).isEqualTo(new Message.Error(expected, new Message.ClientRef(0, "sloppy", 99)));
            assertThatThrownBy(() -> coordinator.awaitCompletion(Duration.ofSeconds(10))).hasMessage(expected);
        }
    }
}
