package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.Prediction;

import java.util.EnumSet;
import java.util.Set;

/**
 * Collectives timed by the device's fitted collective models (as calibrated in situ for
 * {@code cpu-local}, where ranks are threads meeting in memory and no link formula applies), the
 * fallback model for collectives without one. Features as the sample files name them: {@code size}
 * (bytes, {@link NetworkModel}'s convention), {@code num_workers}, {@code devices_per_node}.
 */
public final class PredictedNetworkModel implements NetworkModel {
    private final String device;
    private final KernelPredictor predictor;
    private final Set<CollectiveOp> fitted;
    private final NetworkModel fallback;

    /** @param fitted the collectives {@code predictor} has a fitted model of for {@code device} */
    public PredictedNetworkModel(String device, KernelPredictor predictor, Set<CollectiveOp> fitted, NetworkModel fallback) {
        this.device = device;
        this.predictor = predictor;
        this.fitted = fitted.isEmpty() ? EnumSet.noneOf(CollectiveOp.class) : EnumSet.copyOf(fitted);
        this.fallback = fallback;
    }

    @Override
    public Prediction predict(CollectiveOp op, long bytes, GroupLayout layout) {
        if (layout.numRanks() == 1 || !fitted.contains(op)) return fallback.predict(op, bytes, layout);
        return predictor.predict(device, op.kernelName(),
                Features.of("size", bytes, "num_workers", layout.numRanks(), "devices_per_node", layout.ranksPerNode()));
    }
}
