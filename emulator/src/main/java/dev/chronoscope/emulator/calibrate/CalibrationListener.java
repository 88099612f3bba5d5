package dev.chronoscope.emulator.calibrate;

/** Progress of a calibration, called on the calibrating thread. */
public interface CalibrationListener {

    /** The profiler has planned {@code shapes} measurements; {@code about} describes its setup. */
    void planned(int shapes, String about);

    /** Shape {@code done} of {@code total} was measured: {@code kernel} at {@code shape} took {@code nanos}. */
    void measured(int done, int total, String kernel, String shape, double nanos);

    /** Samples are stored and models are being fitted. */
    void fitting(int kernels);

    CalibrationListener NONE = new CalibrationListener() {
        @Override public void planned(int shapes, String about) { }

        @Override public void measured(int done, int total, String kernel, String shape, double nanos) { }

        @Override public void fitting(int kernels) { }
    };
}
