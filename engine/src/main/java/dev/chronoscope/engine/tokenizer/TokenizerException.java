package dev.chronoscope.engine.tokenizer;

/** A tokenizer file that cannot be used; the message names the file and field. */
public class TokenizerException extends RuntimeException {
    public TokenizerException(String message) { super(message); }
}
