package dev.chronoscope.emulator.calibrate;

import java.time.Duration;
import java.util.List;

/**
 * A finished calibration.
 *
 * @param grid         name of the grid swept
 * @param samples      samples stored
 * @param superseded   earlier calibration samples now excluded from fits
 * @param kernels      one entry per kernel fitted, by name
 * @param profiling    wall time of the profiler child
 * @param total        wall time of the whole calibration
 */
public record CalibrationResult(String grid, int samples, int superseded, List<KernelSummary> kernels, Duration profiling, Duration total) {
    public CalibrationResult {
        kernels = List.copyOf(kernels);
    }
}
