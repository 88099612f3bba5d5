package dev.chronoscope.engine.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.engine.model.ModelConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void byteLevelIsUtf8BytesWithSpecialsAbove() {
        Tokenizer t = Tokenizers.forModel(ModelConfigs.TINY, null);
        assertThat(t.encode("hé")).containsExactly(104, 195, 169);
        assertThat(t.decode(new int[]{256, 104, 195, 169, 257})).isEqualTo("hé");
        assertThat(t.decode(new int[]{104, 400, 105})).isEqualTo("h\uFFFDi");
        assertThat(t.eosTokenId()).isEqualTo(257);
    }

    /** A GPT-2-style tokenizer.json: the 256 byte characters, a few merges and one special token. */
    private Path writeTokenizer(ObjectNode preTokenizer, boolean ignoreMerges) throws IOException {
        ObjectNode root = json.createObjectNode();
        var added = root.putArray("added_tokens");
        added.addObject().put("id", 300).put("content", "<|endoftext|>").put("special", true);
        root.set("pre_tokenizer", preTokenizer);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").put("ignore_merges", ignoreMerges);
        ObjectNode vocab = model.putObject("vocab");
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteUnicode.toChar(b)), b);
        String[] merged = {"he", "ll", "hell", "hello", "Ġhello", "wor"};
        for (int i = 0; i < merged.length; i++) vocab.put(merged[i], 256 + i);
        var merges = model.putArray("merges");
        merges.add("h e").add("l l").add("he ll");
        merges.addArray().add("hell").add("o");
        merges.add("Ġ hello");
        Path file = dir.resolve("tokenizer.json");
        json.writeValue(file.toFile(), root);
        return file;
    }

    private ObjectNode byteLevel() {
        return json.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", true);
    }

    @Test
    void bpeMergesByRankAndSplitsSpecialTokens() throws IOException {
        Tokenizer t = Tokenizers.forModel(ModelConfigs.TINY, writeTokenizer(byteLevel(), false));
        assertThat(t.encode("hello hello<|endoftext|>")).containsExactly(259, 260, 300);
        assertThat(t.encode("hell")).containsExactly(258);
        assertThat(t.decode(new int[]{259, 260, 300})).isEqualTo("hello hello");
        assertThat(t.eosTokenId()).isEqualTo(300);
    }

    @Test
    void anyTextRoundTripsThroughByteTokens() throws IOException {
        Tokenizer t = Tokenizers.forModel(ModelConfigs.TINY, writeTokenizer(byteLevel(), false));
        String text = "héllo wörld ✓ 42\n\ttabs  and  spaces";
        assertThat(t.decode(t.encode(text))).isEqualTo(text);
    }

    @Test
    void ignoreMergesTakesWholeWordsFromTheVocabulary() throws IOException {
        Tokenizer withMerges = Tokenizers.forModel(ModelConfigs.TINY, writeTokenizer(byteLevel(), false));
        assertThat(withMerges.encode("wor")).containsExactly('w', 'o', 'r');
        Tokenizer ignoring = Tokenizers.forModel(ModelConfigs.TINY, writeTokenizer(byteLevel(), true));
        assertThat(ignoring.encode("wor")).containsExactly(261);
    }

    @Test
    void aSplitRegexSequenceDrivesPreTokenization() throws IOException {
        ObjectNode seq = json.createObjectNode().put("type", "Sequence");
        var parts = seq.putArray("pretokenizers");
        parts.addObject().put("type", "Split").put("behavior", "Isolated").putObject("pattern").put("Regex", "\\p{N}{1,3}| ?\\p{L}+|\\s+");
        parts.addObject().put("type", "ByteLevel").put("use_regex", false);
        Tokenizer t = Tokenizers.forModel(ModelConfigs.TINY, writeTokenizer(seq, false));
        // digits are split in groups of three
        assertThat(t.encode("12345")).containsExactly('1', '2', '3', '4', '5');
        assertThat(t.encode("hello hello")).containsExactly(259, 260);
    }

    @Test
    void aNonBpeModelNamesTheField() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}");
        assertThatThrownBy(() -> Tokenizers.forModel(ModelConfigs.TINY, file))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("'model.type'").hasMessageContaining("WordPiece");
    }

    @Test
    void aBadMergeNamesItsIndex() throws IOException {
        Path file = writeTokenizer(byteLevel(), false);
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("model").path("merges")).add(7);
        json.writeValue(file.toFile(), root);
        assertThatThrownBy(() -> Tokenizers.forModel(ModelConfigs.TINY, file)).hasMessageContaining("'model.merges[5]'");
    }

    @Test
    void aVocabularyLargerThanTheModelIsRejected() throws IOException {
        Path file = writeTokenizer(byteLevel(), false);
        var small = ModelConfigs.TINY.withName("small");
        var tooSmall = new dev.chronoscope.engine.model.ModelConfig("s", 256, 1, 8, 4, 512, 290, 128, 1e4, 1e-5, false, "float32");
        assertThat(Tokenizers.forModel(small, file).vocabSize()).isEqualTo(301);
        assertThatThrownBy(() -> Tokenizers.forModel(tooSmall, file)).hasMessageContaining("vocab_size 290");
    }
}
