package dev.chronoscope.emulator.time;

/** An emulation could not finish: why is in the message (and the subclass). */
public class EmulationException extends RuntimeException {

    public EmulationException(String message) {
        super(message);
    }

    public EmulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
