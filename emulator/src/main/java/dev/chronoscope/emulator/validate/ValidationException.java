package dev.chronoscope.emulator.validate;

/** A validation that cannot go on: bad options, a run that failed, a result that cannot be read. */
public final class ValidationException extends RuntimeException {
    public ValidationException(String message) {
        super(message);
    }
}
