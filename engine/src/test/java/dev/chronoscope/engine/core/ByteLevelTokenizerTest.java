package dev.chronoscope.engine.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteLevelTokenizerTest {
    private final ByteLevelTokenizer tokenizer = new ByteLevelTokenizer();

    @Test
    void roundTripsUtf8ByteByByte() {
        int[] ids = tokenizer.encode("héllo €");
        assertThat(ids).hasSize(10);
        assertThat(tokenizer.decode(ids)).isEqualTo("héllo €");
    }

    @Test
    void holdsBackAMultiByteCharacterUntilItsLastByte() {
        EngineTokenizer.IncrementalDecoder decoder = tokenizer.newDecoder();
        int[] euro = tokenizer.encode("€");
        assertThat(decoder.append(euro[0])).isEmpty();
        assertThat(decoder.append(euro[1])).isEmpty();
        assertThat(decoder.append(euro[2])).isEqualTo("€");
    }

    @Test
    void eosIsSilentAndIdsBeyondBytesAreReplacementCharacters() {
        EngineTokenizer.IncrementalDecoder decoder = tokenizer.newDecoder();
        assertThat(decoder.append(ByteLevelTokenizer.EOS)).isEmpty();
        assertThat(decoder.append(0xE2)).isEmpty();
        assertThat(decoder.append(1000)).isEqualTo("\uFFFD\uFFFD");
        assertThat(decoder.finish()).isEmpty();
    }
}
