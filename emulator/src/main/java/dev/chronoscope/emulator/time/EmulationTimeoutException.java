package dev.chronoscope.emulator.time;

/**
 * The emulation did not finish within the real time the caller allowed (an emulated thread spins,
 * or blocks outside the emulator's control, e.g. pinned in native code). The message lists every
 * emulated thread's stack.
 */
public class EmulationTimeoutException extends EmulationException {

    public EmulationTimeoutException(String message) {
        super(message);
    }
}
