package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.models.Features;

import java.util.Map;
import java.util.TreeMap;

/**
 * A kernel launch's shape arguments as the models' features: sorted by name (so equal shapes give
 * equal, deterministic feature sets) and with the engine's {@code num_tensor_parallel_workers}
 * under the models' name {@code tp}.
 */
final class KernelFeatures {
    private static final String ENGINE_TP = "num_tensor_parallel_workers";
    private static final String MODEL_TP = "tp";

    private KernelFeatures() {}

    static Features of(Map<String, Long> shape, Map<String, Long> updates) {
        TreeMap<String, Long> sorted = new TreeMap<>();
        shape.forEach((k, v) -> sorted.put(k.equals(ENGINE_TP) ? MODEL_TP : k, updates.getOrDefault(k, v)));
        String[] names = new String[sorted.size()];
        double[] values = new double[sorted.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return Features.of(names, values);
    }

    static Features of(Map<String, Long> shape) {
        return of(shape, Map.of());
    }
}
