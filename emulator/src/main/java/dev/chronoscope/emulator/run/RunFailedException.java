package dev.chronoscope.emulator.run;

/** An emulation that started and did not complete; the message names the process and the run folder. */
public final class RunFailedException extends RuntimeException {
    private final int exitStatus;

    public RunFailedException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** The engine's exit status, passed on as the command's. */
    public int exitStatus() { return exitStatus; }
}
