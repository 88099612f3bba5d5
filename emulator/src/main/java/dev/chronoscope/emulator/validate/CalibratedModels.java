package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.calibrate.CalibrationGrid;
import dev.chronoscope.emulator.calibrate.CalibrationListener;
import dev.chronoscope.emulator.calibrate.Calibrator;
import dev.chronoscope.emulator.models.store.ModelStore;

import java.util.List;

/**
 * Makes sure the store holds cpu-local models fitted on this machine's measurements before anything
 * is emulated: a kernel counts as calibrated when it has an active model and included samples from
 * {@code chronoscope calibrate}. Otherwise (or when asked) the grid is profiled and fitted.
 */
public final class CalibratedModels {
    private CalibratedModels() {}

    /** Kernels of the grid without calibrated cpu-local models in the store. */
    public static List<String> missing(ModelStore store, CalibrationGrid grid) {
        return grid.ops().stream().filter(op -> store.active(Calibrator.DEVICE, op).isEmpty()
                || store.samples(Calibrator.DEVICE, op, false).stream().noneMatch(s -> s.source().equals(Calibrator.SOURCE)))
                .toList();
    }

    /** Calibrates when a kernel is missing or {@code force}; returns whether it calibrated. */
    public static boolean ensure(ModelStore store, CalibrationGrid grid, Calibrator calibrator, CalibrationListener listener, boolean force) {
        if (!force && missing(store, grid).isEmpty()) return false;
        calibrator.calibrate(grid, store, listener, null);
        return true;
    }
}
