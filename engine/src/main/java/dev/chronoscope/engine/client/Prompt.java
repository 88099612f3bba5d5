package dev.chronoscope.engine.client;

/** A prompt as text (tokenized by the server's tokenizer) or as token ids (used as given). */
public sealed interface Prompt {

    record Text(String text) implements Prompt {}

    record Tokens(int[] tokenIds) implements Prompt {}

    static Prompt text(String text) { return new Text(text); }

    static Prompt tokens(int... tokenIds) { return new Tokens(tokenIds.clone()); }
}
