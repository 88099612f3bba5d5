package dev.chronoscope.emulator.run;

/** A scenario that cannot run, found before anything starts; the message names the option or file. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
