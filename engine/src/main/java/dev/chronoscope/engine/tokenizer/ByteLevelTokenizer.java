package dev.chronoscope.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One token per UTF-8 byte (ids 0–255), then BOS (256) and EOS (257). Ids above those exist in a
 * larger vocabulary but have no text: they decode to U+FFFD.
 */
public final class ByteLevelTokenizer implements Tokenizer {
    public static final int BOS = 256, EOS = 257;
    private final int vocabSize;

    public ByteLevelTokenizer(int vocabSize) {
        if (vocabSize < 258) throw new IllegalArgumentException("a byte-level vocabulary needs at least 258 ids, got " + vocabSize);
        this.vocabSize = vocabSize;
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) ids[i] = bytes[i] & 0xff;
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id >= 0 && id < 256) {
                pending.write(id);
            } else if (id != BOS && id != EOS) {
                text.append(pending.toString(StandardCharsets.UTF_8)).append('\uFFFD');
                pending.reset();
            }
        }
        return text.append(pending.toString(StandardCharsets.UTF_8)).toString();
    }

    @Override public int bosTokenId() { return BOS; }

    @Override public int eosTokenId() { return EOS; }

    @Override public int vocabSize() { return vocabSize; }
}
