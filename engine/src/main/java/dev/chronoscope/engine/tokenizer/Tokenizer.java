package dev.chronoscope.engine.tokenizer;

/** Text ↔ token ids. {@link #encode} adds no special tokens; callers prepend {@link #bosTokenId()} where the model wants one. */
public interface Tokenizer {

    int[] encode(String text);

    /** The text of {@code ids}, special tokens left out; bytes that do not form valid UTF-8 become U+FFFD. */
    String decode(int[] ids);

    int bosTokenId();

    int eosTokenId();

    int vocabSize();
}
