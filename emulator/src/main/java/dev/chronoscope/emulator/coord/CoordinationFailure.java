package dev.chronoscope.emulator.coord;

/** The coordinated run failed; the message names the client or message at fault. */
public class CoordinationFailure extends RuntimeException {

    public CoordinationFailure(String message) {
        super(message);
    }

    public CoordinationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
