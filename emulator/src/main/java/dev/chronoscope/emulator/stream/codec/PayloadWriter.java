package dev.chronoscope.emulator.stream.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Builds one frame payload from the binary encoding's primitive types, then writes it as a frame. */
final class PayloadWriter {
    private byte[] buf = new byte[256];
    private int len;
    private final byte[] lengthPrefix = new byte[5];
    private final CRC32C crc = new CRC32C();

    void reset() { len = 0; }

    private void ensure(int extra) {
        if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }

    void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    void bool(boolean v) { u8(v ? 1 : 0); }

    void uvar(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    void svar(long v) { uvar((v << 1) ^ (v >> 63)); }

    void f64(double v) {
        ensure(8);
        long bits = Double.doubleToRawLongBits(v);
        for (int shift = 56; shift >= 0; shift -= 8) buf[len++] = (byte) (bits >>> shift);
    }

    /** An integral value below 2^53 as a tagged zigzag varint; anything else as a tagged f64. */
    void num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53 && !(v == 0 && Double.doubleToRawLongBits(v) != 0)) {
            long n = (long) v;
            uvar(((n << 1) ^ (n >> 63)) << 1);
        } else {
            uvar(1);
            f64(v);
        }
    }

    /** Inline UTF-8 string: length + 1, zero for null. */
    void str(String s) {
        if (s == null) {
            uvar(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uvar(b.length + 1L);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** Writes the payload as a frame: varint length, payload, CRC-32C of the payload (u32 big-endian). */
    void writeFrame(OutputStream out) throws IOException {
        int n = 0;
        long v = len;
        while ((v & ~0x7FL) != 0) {
            lengthPrefix[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        lengthPrefix[n++] = (byte) v;
        out.write(lengthPrefix, 0, n);
        out.write(buf, 0, len);
        crc.reset();
        crc.update(buf, 0, len);
        int c = (int) crc.getValue();
        out.write(c >>> 24);
        out.write(c >>> 16);
        out.write(c >>> 8);
        out.write(c);
    }
}
