package dev.chronoscope.emulator.install;

/** The installation lacks something a command needs; the message says what and how to get it. */
public final class InstallationException extends RuntimeException {
    public InstallationException(String message) {
        super(message);
    }
}
