package dev.chronoscope.emulator.run;

import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.gpu.net.AlphaBetaNetworkModel;
import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.gpu.net.NetworkModel;
import dev.chronoscope.emulator.gpu.net.PredictedNetworkModel;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.store.ModelStore;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which network model times a device's collectives: its fitted collective models where the store has
 * them (profiled tables shipped for GPUs, in-situ fits for cpu-local), the alpha-beta formula for the
 * rest. Every rank JVM's virtual cluster and the coordinator of a per-rank run choose the same way, so
 * a collective lasts the same whether its ranks share a JVM or not.
 */
public final class CollectiveModels {
    private CollectiveModels() {}

    /** The collectives of {@code device} with an active model in {@code store}. */
    public static Set<CollectiveOp> fitted(ModelStore store, String device) {
        Set<CollectiveOp> ops = EnumSet.noneOf(CollectiveOp.class);
        for (CollectiveOp op : CollectiveOp.values()) if (store.active(device, op.kernelName()).isPresent()) ops.add(op);
        return ops;
    }

    /** The network model for {@code spec} given the collectives {@code predictor} has fitted models of. */
    public static NetworkModel network(DeviceSpec spec, KernelPredictor predictor, Set<CollectiveOp> fitted) {
        NetworkModel formula = AlphaBetaNetworkModel.of(spec);
        return fitted.isEmpty() ? formula : new PredictedNetworkModel(spec.name(), predictor, fitted, formula);
    }

    /** The network model for {@code spec} from the store at {@code models} (null: the shipped defaults' runs use the formula). */
    static NetworkModel network(DeviceSpec spec, Path models) {
        if (models == null) return AlphaBetaNetworkModel.of(spec);
        try (ModelStore store = ModelStore.open(models)) {
            return network(spec, new KernelModels(store, d -> Optional.empty()).predictor(), fitted(store, spec.name()));
        }
    }
}
