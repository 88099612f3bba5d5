package dev.chronoscope.emulator.models.store;

/** A models store that cannot do what was asked; the message says what and how to fix it. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) { super(message); }

    public StoreException(String message, Throwable cause) { super(message, cause); }
}
