package dev.chronoscope.emulator.calibrate;

/** A calibration that could not finish; the message says what failed and what to do, and the store is unchanged. */
public final class CalibrationException extends RuntimeException {
    public CalibrationException(String message) { super(message); }

    public CalibrationException(String message, Throwable cause) { super(message, cause); }
}
