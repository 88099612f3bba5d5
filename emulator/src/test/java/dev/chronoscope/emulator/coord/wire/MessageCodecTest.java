package dev.chronoscope.emulator.coord.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private static final List<Message> EVERY_KIND = List.of(
            new Message.Hello(List.of(1, 2), "tok", "rank0", 42, 3),
            new Message.Hello(List.of(1), "tok", "rank1", 43, -1),
            new Message.Blocked(1_000_000_007L, 4),
            new Message.Blocked(Message.NO_WAKE_UP, 0),
            new Message.Sent("a->b", 9),
            new Message.Received("a->b", 9),
            new Message.CollectiveArrive("tp", 2, "all_reduce", 1 << 20, 1, 4, 77),
            new Message.CollectiveArrive("group[0, 4]:0->4", 5, "send_recv", 4096, 1, 2, 78, List.of(0, 4)),
            new Message.Goodbye(123),
            new Message.Welcome(1, 3, 1_700_000_000_000L, 250, 3000),
            new Message.Refused("wrong token"),
            new Message.Grant(55),
            new Message.CollectiveDone("tp", 2, 1, 77, 99),
            new Message.Heartbeat(),
            new Message.Error("boom", new Message.ClientRef(2, "rank2", 4711)),
            new Message.Error("no culprit", null));

    @Test
    void everyMessageSurvivesARoundTrip() throws ProtocolException {
        for (Message message : EVERY_KIND) {
            assertThat(MessageCodec.decode(MessageCodec.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void wireFormIsPlainJsonWithNullForNoWakeUp() {
        assertThat(new String(MessageCodec.encode(new Message.Blocked(Message.NO_WAKE_UP, 2)), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"BLOCKED\",\"wake\":null,\"seen\":2}");
    }

    @Test
    void aSendRecvNamesItsGlobalRanksInMembersAndACollectiveWithoutThemOmitsTheField() throws ProtocolException {
        assertThat(new String(MessageCodec.encode(new Message.CollectiveArrive("p", 0, "send_recv", 8, 0, 2, 5, List.of(3, 7))),
                StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"COLLECTIVE_ARRIVE\",\"group\":\"p\",\"seq\":0,"
                + "\"op\":\"send_recv\",\"bytes\":8,\"rank\":0,\"ranks\":2,\"arrival\":5,\"members\":[3,7]}");
        String withoutMembers = "{\"type\":\"COLLECTIVE_ARRIVE\",\"group\":\"tp\",\"seq\":0,\"op\":\"all_reduce\","
                + "\"bytes\":8,\"rank\":0,\"ranks\":2,\"arrival\":5}";
        assertThat(new String(MessageCodec.encode(MessageCodec.decode(withoutMembers.getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8)).isEqualTo(withoutMembers);
    }

    @Test
    void membersMustBeDistinctNonNegativeRanks() {
        for (String members : List.of("[]", "[0,-1]", "[2,2]", "[1,\"x\"]", "3")) {
            String frame = "{\"type\":\"COLLECTIVE_ARRIVE\",\"group\":\"p\",\"seq\":0,\"op\":\"send_recv\",\"bytes\":8,"
                    + "\"rank\":0,\"ranks\":2,\"arrival\":5,\"members\":" + members + "}";
            assertThatThrownBy(() -> MessageCodec.decode(frame.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("COLLECTIVE_ARRIVE: field 'members' must be a non-empty array of distinct integers >= 0, got "
                            + members.replace("\"", "\""));
        }
    }

    @Test
    void duplicateFieldsAreRejected() {
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"GRANT\",\"time\":1,\"time\":2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Duplicate field 'time'");
    }

    @Test
    void framesRoundTripAndCountFromOne() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes);
        writer.write(MessageCodec.encode(new Message.Grant(1)));
        writer.write(MessageCodec.encode(new Message.Grant(2)));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()), 256);
        assertThat(MessageCodec.decode(reader.read())).isEqualTo(new Message.Grant(1));
        assertThat(MessageCodec.decode(reader.read())).isEqualTo(new Message.Grant(2));
        assertThat(reader.framesRead()).isEqualTo(2);
        assertThat(reader.read()).as("clean end between frames").isNull();
    }

    @Test
    void truncatedFrameNamesItsNumberAndExpectedLength() throws Exception {
        byte[] frame = {0, 0, 0, 10, '{', '}'};
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame), 256);
        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class)
                .hasMessage("connection closed inside frame 1 (expected 10 bytes)");
    }

    @Test
    void zeroLengthFrameIsRejected() {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(new byte[] {0, 0, 0, 0}), 256);
        assertThatThrownBy(reader::read).isInstanceOf(ProtocolException.class)
                .hasMessage("frame 1: length 0 bytes is outside 1..256 (the 4-byte big-endian length prefix)");
    }
}
