package dev.chronoscope.modeleditor;

import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.modeleditor.task.TaskContext;

import java.util.List;

/**
 * Measures this machine's CPU kernels over shapes ({@code chronoscope calibrate --device cpu-local})
 * and returns the samples; the editor stores them under {@link #DEVICE}. Until the calibrate
 * package is wired in, {@link #notAvailable(String)} keeps the action visible but disabled, with
 * the reason as its tooltip.
 */
public interface CalibrationService {
    String DEVICE = "cpu-local";

    boolean isAvailable();

    /** Why the service cannot run; empty when it can. */
    String unavailableReason();

    /** Runs the sweep on the calling (background) thread, reporting progress and stopping when cancelled. */
    List<NewSample> calibrate(TaskContext context) throws Exception;

    static CalibrationService notAvailable(String reason) {
        return new CalibrationService() {
            @Override public boolean isAvailable() { return false; }

            @Override public String unavailableReason() { return reason; }

            @Override public List<NewSample> calibrate(TaskContext context) {
                throw new IllegalStateException("calibration is not available: " + reason);
            }
        };
    }
}
