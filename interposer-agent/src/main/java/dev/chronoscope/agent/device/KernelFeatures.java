package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.models.Features;

import java.util.Map;
import java.util.TreeMap;

/**
 * A kernel launch's shape arguments as the models' features: sorted by name (so equal shapes give
 * equal, deterministic feature sets) and with the engine's {@code num_tensor_parallel_workers}
 * under the models' name {@code tp}. Keeps the sorted arrays so that a graph replay can change one
 * data-dependent argument without sorting again.
 */
final class KernelFeatures {
    private static final String ENGINE_TP = "num_tensor_parallel_workers";
    private static final String MODEL_TP = "tp";

    private final String[] names;
    private final double[] values;
    private final Features features;

    private KernelFeatures(String[] names, double[] values) {
        this.names = names;
        this.values = values;
        this.features = Features.of(names, values);
    }

    static KernelFeatures of(Map<String, Long> shape) {
        TreeMap<String, Long> sorted = new TreeMap<>();
        shape.forEach((k, v) -> sorted.put(k.equals(ENGINE_TP) ? MODEL_TP : k, v));
        String[] names = new String[sorted.size()];
        double[] values = new double[sorted.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new KernelFeatures(names, values);
    }

    Features features() { return features; }

    /** The index of {@code shapeName} among the features, or -1. */
    int indexOf(String shapeName) {
        String name = shapeName.equals(ENGINE_TP) ? MODEL_TP : shapeName;
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    /** These features with the one at {@code index} set to {@code value}. */
    Features with(int index, long value) {
        double[] changed = values.clone();
        changed[index] = value;
        return Features.of(names, changed);
    }
}
