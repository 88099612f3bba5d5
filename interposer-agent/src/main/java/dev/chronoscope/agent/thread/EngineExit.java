package dev.chronoscope.agent.thread;

/** The emulated program called {@code System.exit(status)}; thrown to end it without ending the JVM. */
public final class EngineExit extends Error {
    private final int status;

    public EngineExit(int status) {
        super("System.exit(" + status + ")", null, false, false);
        this.status = status;
    }

    public int status() { return status; }
}
