package dev.chronoscope.engine.core;

/**
 * What the serving front end needs from a tokenizer: text to token ids and back, and the end-of-sequence
 * token. The engine core itself works on token ids only.
 */
public interface EngineTokenizer {

    int[] encode(String text);

    /** A decoder for one output stream: text is released only once its bytes form whole characters. */
    IncrementalDecoder newDecoder();

    /** The whole text of a token sequence. */
    default String decode(int[] tokenIds) {
        IncrementalDecoder decoder = newDecoder();
        StringBuilder text = new StringBuilder();
        for (int id : tokenIds) {
            text.append(decoder.append(id));
        }
        return text.append(decoder.finish()).toString();
    }

    /** The end-of-sequence token id, or -1 when the vocabulary has none. */
    int eosTokenId();

    /** Token ids accepted in prompts are {@code [0, vocabSize)}. */
    int vocabSize();

    /** Turns a stream of token ids into text pieces. */
    interface IncrementalDecoder {
        /** The text this token completes; may be empty while a multi-token character is pending. */
        String append(int tokenId);

        /** Whatever is still pending at the end of the stream. */
        String finish();
    }
}
