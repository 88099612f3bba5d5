package dev.chronoscope.engine.tokenizer;

import dev.chronoscope.engine.model.ModelConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tokenizer for a model: its tokenizer.json when given, else byte-level. */
public final class Tokenizers {
    private Tokenizers() {}

    /** @param tokenizerJson a tokenizer.json, a directory holding one, or null for the byte-level tokenizer */
    public static Tokenizer forModel(ModelConfig config, Path tokenizerJson) {
        if (tokenizerJson == null) return new ByteLevelTokenizer(config.vocabSize());
        Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
        BpeTokenizer t = BpeTokenizer.load(file);
        if (t.vocabSize() > config.vocabSize()) {
            throw new TokenizerException(file + ": " + t.vocabSize() + " token ids exceed the model's vocab_size " + config.vocabSize());
        }
        return t;
    }
}
