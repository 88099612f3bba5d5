package dev.chronoscope.emulator.time;

/** An emulated thread ended with an exception (the cause); the emulation stopped there. */
public class EmulatedThreadFailedException extends EmulationException {

    public EmulatedThreadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
