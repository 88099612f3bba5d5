package dev.chronoscope.emulator.stream.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the binary encoding's primitive types from one frame payload. Every read is bounds-checked
 * and every failure names the absolute byte offset in the stream.
 */
final class PayloadReader {
    private final String source;
    private byte[] buf;
    private int len;
    private int pos;
    private long baseOffset;

    PayloadReader(String source) {
        this.source = source;
    }

    void reset(byte[] payload, long payloadOffset) {
        this.buf = payload;
        this.len = payload.length;
        this.pos = 0;
        this.baseOffset = payloadOffset;
    }

    long offset() { return baseOffset + pos; }

    StreamFormatException error(String message) {
        return StreamFormatException.atOffset(source, offset(), message);
    }

    private void need(int n, String what) {
        if (len - pos < n) throw error("frame ends inside " + what + " (" + n + " more bytes needed, " + (len - pos) + " left)");
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    boolean bool(String what) {
        int at = pos;
        int v = u8(what);
        if (v > 1) {
            pos = at;
            throw error("expected boolean 0 or 1 for " + what + " but found " + v);
        }
        return v == 1;
    }

    long uvar(String what) {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= len) {
                pos = at;
                throw error("frame ends inside varint " + what);
            }
            int b = buf[pos++] & 0xFF;
            if (shift == 63 && b > 1) {
                pos = at;
                throw error("varint " + what + " overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        pos = at;
        throw error("varint " + what + " longer than 10 bytes");
    }

    long svar(String what) {
        long u = uvar(what);
        return (u >>> 1) ^ -(u & 1);
    }

    int svarInt(String what) {
        int at = pos;
        long v = svar(what);
        if (v != (int) v) {
            pos = at;
            throw error(what + " " + v + " does not fit a 32-bit integer");
        }
        return (int) v;
    }

    /** A count of items of at least {@code minBytesEach} bytes each; bounded by what is left. */
    int count(String what, int minBytesEach) {
        int at = pos;
        long n = uvar(what);
        if (n < 0 || n > (long) (len - pos) / minBytesEach) {
            pos = at;
            throw error(what + " " + Long.toUnsignedString(n) + " exceeds what the frame can hold (" + (len - pos) + " bytes left)");
        }
        return (int) n;
    }

    /** A nullable length: zero is null, else length + 1. Returns -1 for null. */
    int nullableCount(String what, int minBytesEach) {
        int at = pos;
        long n = uvar(what);
        if (n == 0) return -1;
        if (n < 0 || n - 1 > (long) (len - pos) / minBytesEach) {
            pos = at;
            throw error(what + " " + Long.toUnsignedString(n - 1) + " exceeds what the frame can hold (" + (len - pos) + " bytes left)");
        }
        return (int) (n - 1);
    }

    double f64(String what) {
        need(8, what);
        long bits = 0;
        for (int i = 0; i < 8; i++) bits = (bits << 8) | (buf[pos++] & 0xFF);
        return Double.longBitsToDouble(bits);
    }

    double num(String what) {
        long h = uvar(what);
        if ((h & 1) == 0) {
            long z = h >>> 1;
            return (double) ((z >>> 1) ^ -(z & 1));
        }
        if (h != 1) throw error("number tag " + h + " for " + what + " is neither integer nor 1 (f64)");
        return f64(what);
    }

    String str(String what) {
        int n = nullableCount(what + " length", 1);
        if (n < 0) return null;
        int at = pos;
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            pos = at;
            throw error(what + " is not valid UTF-8");
        }
    }

    void expectEnd(String what) {
        if (pos != len) throw error(len - pos + " unexpected bytes after the fields of " + what);
    }
}
