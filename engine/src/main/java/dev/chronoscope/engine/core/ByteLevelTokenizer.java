package dev.chronoscope.engine.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The default tokenizer: one token per UTF-8 byte (ids 0–255), and id 256 as end of sequence. It needs no
 * vocabulary file, so the server runs with any model; ids a model produces beyond 256 decode to U+FFFD.
 */
public final class ByteLevelTokenizer implements EngineTokenizer {
    public static final int EOS = 256;

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xff;
        }
        return ids;
    }

    @Override
    public IncrementalDecoder newDecoder() {
        return new Utf8Decoder();
    }

    @Override
    public int eosTokenId() { return EOS; }

    @Override
    public int vocabSize() { return EOS + 1; }

    /** Streams bytes through a UTF-8 decoder that keeps an incomplete character until its last byte comes. */
    private static final class Utf8Decoder implements IncrementalDecoder {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(8);
        private final CharBuffer out = CharBuffer.allocate(16);

        @Override
        public String append(int tokenId) {
            if (tokenId == EOS) {
                return "";
            }
            if (tokenId < 0 || tokenId > 255) {
                return finish() + "\uFFFD";
            }
            pending.put((byte) tokenId);
            return drain(false);
        }

        @Override
        public String finish() {
            return drain(true);
        }

        private String drain(boolean endOfInput) {
            pending.flip();
            out.clear();
            decoder.decode(pending, out, endOfInput);
            if (endOfInput) {
                decoder.flush(out);
                decoder.reset();
            }
            pending.compact();
            out.flip();
            return out.toString();
        }
    }
}
