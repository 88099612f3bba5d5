package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.stream.SampleEvents;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static dev.chronoscope.emulator.stream.codec.EncodingRoundTripTest.decode;
import static dev.chronoscope.emulator.stream.codec.EncodingRoundTripTest.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamReaderErrorTest {

    /**
     * {@code RunEnd(5, "ok", null)}: header (0-11), string "ok" frame (12-21), event frame (22-30),
     * end frame (31-37). Checked byte for byte so the offsets below are known.
     */
    private static byte[] runEndOk() {
        byte[] bytes = encode(Encoding.BINARY, List.of(new StreamEvent.RunEnd(5, "ok", null)));
        assertThat(bytes).hasSize(38);
        assertThat(Arrays.copyOfRange(bytes, 12, 18)).containsExactly(5, 0x01, 0, 3, 'o', 'k');
        assertThat(Arrays.copyOfRange(bytes, 22, 27)).containsExactly(4, 0x1D, 10, 1, 0);
        assertThat(Arrays.copyOfRange(bytes, 31, 34)).containsExactly(2, 0x00, 1);
        return bytes;
    }

    private static StreamFormatException failure(byte[] bytes) {
        try {
            decode(bytes);
        } catch (StreamFormatException e) {
            return e;
        }
        throw new AssertionError("expected a StreamFormatException");
    }

    /** A frame with a correct checksum around {@code payload}. */
    private static byte[] frame(int... payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(payload.length);
        byte[] p = new byte[payload.length];
        for (int i = 0; i < p.length; i++) p[i] = (byte) payload[i];
        out.writeBytes(p);
        CRC32C crc = new CRC32C();
        crc.update(p);
        int c = (int) crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        return out.toByteArray();
    }

    private static byte[] header() {
        return Arrays.copyOf(runEndOk(), 12);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void theDecodedLayoutIsTheDocumentedOne() {
        assertThat(decode(runEndOk())).containsExactly(new StreamEvent.RunEnd(5, "ok", null));
    }

    @Test
    void notAStreamAtAll() {
        StreamFormatException e = failure("hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(e.byteOffset()).isZero();
        assertThat(e).hasMessageContaining("expected the binary magic");
    }

    @Test
    void wrongBinaryVersionNamesTheVersionField() {
        byte[] bytes = runEndOk();
        bytes[9] = 2;
        StreamFormatException e = failure(bytes);
        assertThat(e.byteOffset()).isEqualTo(8);
        assertThat(e).hasMessage("test: byte offset 8: unsupported format version 2, expected 1");
    }

    @Test
    void truncationBeforeTheEndFrame() {
        StreamFormatException e = failure(Arrays.copyOf(runEndOk(), 31));
        assertThat(e).hasMessage("test: byte offset 31: stream ends without an end frame (truncated: expected a frame length)");
    }

    @Test
    void truncationInsideAFrame() {
        StreamFormatException e = failure(Arrays.copyOf(runEndOk(), 25));
        assertThat(e.byteOffset()).isEqualTo(25);
        assertThat(e).hasMessageContaining("stream ends inside a frame (truncated: frame at 22 declares 4 payload bytes, 2 present)");
    }

    @Test
    void truncationInsideTheHeader() {
        assertThat(failure(Arrays.copyOf(runEndOk(), 10))).hasMessageContaining("byte offset 10: stream ends inside the header");
    }

    @Test
    void everyTruncationOfAValidFileIsDetected() {
        byte[] bytes = encode(Encoding.BINARY, SampleEvents.everyType());
        for (int cut = 0; cut < bytes.length; cut++) {
            StreamFormatException e = failure(Arrays.copyOf(bytes, cut));
            assertThat(e.byteOffset()).as("cut at %d", cut).isBetween(0L, (long) cut);
        }
    }

    @Test
    void aCorruptedByteFailsTheFrameChecksum() {
        byte[] bytes = runEndOk();
        bytes[24] ^= 0x40;
        assertThat(failure(bytes)).hasMessageStartingWith("test: byte offset 22: frame checksum mismatch");
    }

    @Test
    void anUnknownTagIsNamed() {
        byte[] bytes = concat(header(), frame(0x7E, 0));
        assertThat(failure(bytes)).hasMessageContaining("byte offset 13: unknown frame tag 0x7e");
    }

    @Test
    void aReferenceToAnUndefinedStringIsNamed() {
        byte[] bytes = concat(header(), frame(0x1D, 10, 5, 0));
        assertThat(failure(bytes)).hasMessage("test: byte offset 15: status refers to string 4, which is not defined (0 strings defined)");
    }

    @Test
    void anEndFrameWithTheWrongCountIsRejected() {
        byte[] bytes = concat(header(), frame(0x00, 3));
        assertThat(failure(bytes)).hasMessage("test: byte offset 14: end frame counts 3 events but 0 were read");
    }

    @Test
    void bytesAfterTheEndFrameAreRejected() {
        byte[] bytes = concat(runEndOk(), new byte[] {1});
        assertThat(failure(bytes)).hasMessageContaining("byte offset 38: unexpected bytes after the end frame");
    }

    @Test
    void ndjsonWrongVersionNamesLineOne() {
        byte[] bytes = "{\"format\":\"chronoscope-stream\",\"version\":9}\n{\"type\":\"end\",\"events\":0}\n".getBytes(StandardCharsets.UTF_8);
        StreamFormatException e = failure(bytes);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e).hasMessage("test: line 1: unsupported format version 9, expected 1");
    }

    @Test
    void ndjsonBadLinesNameTheLineAndField() {
        String header = "{\"format\":\"chronoscope-stream\",\"version\":1}\n";
        String ok = "{\"type\":\"run_end\",\"time\":5,\"status\":\"ok\",\"message\":null}\n";
        assertThat(failure((header + ok + "{\"type\":\"run_end\",\"time\":5,\"status\":\"ok\"\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("test: line 3: not valid JSON");
        assertThat(failure((header + ok + "{\"type\":\"run_end\",\"time\":\"soon\",\"status\":\"ok\",\"message\":null}\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("test: line 3: field \"time\" must be a 64-bit integer but is \"soon\"");
        assertThat(failure((header + "{\"type\":\"memory\",\"time\":5}\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("test: line 2: missing field \"rank\"");
        assertThat(failure((header + "{\"type\":\"warp\",\"time\":5}\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("test: line 2: unknown event type \"warp\"");
    }

    @Test
    void ndjsonWithoutTrailerIsTruncated() {
        byte[] bytes = encode(Encoding.NDJSON, SampleEvents.everyType());
        String text = new String(bytes, StandardCharsets.UTF_8);
        String cut = text.substring(0, text.lastIndexOf("{\"type\":\"end\""));
        StreamFormatException e = failure(cut.getBytes(StandardCharsets.UTF_8));
        assertThat(e.line()).isEqualTo(SampleEvents.everyType().size() + 2);
        assertThat(e).hasMessageContaining("input ends without the trailer line (truncated");
    }
}
