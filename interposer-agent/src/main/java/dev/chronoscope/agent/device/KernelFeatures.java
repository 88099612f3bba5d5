package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.models.Features;

import java.util.Map;
import java.util.TreeMap;

/**
 * A kernel launch's shape arguments as the models' features: sorted by name (so equal shapes give
 * equal, deterministic feature sets) and with the engine's {@code num_tensor_parallel_workers}
 * under the models' name {@code tp}. Keeps the sorted arrays so that a graph replay can change
 * data-dependent arguments without sorting again.
 */
final class KernelFeatures {
    private static final String ENGINE_TP = "num_tensor_parallel_workers";
    private static final String MODEL_TP = "tp";

    private final String[] names;
    private final double[] values;
    private final Features features;
    /** The last answer of {@link #with}: one immutable pair, as ranks on other threads share these features. */
    private Memo last;

    private record Memo(Map<String, Long> updates, Features features) {}

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
    private int indexOf(String shapeName) {
        String name = shapeName.equals(ENGINE_TP) ? MODEL_TP : shapeName;
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    /**
     * These features with the arguments {@code updates} names set to its values (arguments these
     * features do not have are ignored). The last answer is kept for equal updates: a graph replay
     * asks every layer's node, on every rank, for the same change, and one shared instance also
     * makes the prediction memo's and the kernel store's checks identity checks.
     */
    Features with(Map<String, Long> updates) {
        if (updates.isEmpty()) return features;
        Memo m = last;
        if (m != null && m.updates() == updates) return m.features();
        // A copy: an immutable map stays itself, so the next node of the same replay matches by identity.
        Map<String, Long> key = Map.copyOf(updates);
        if (m != null && m.updates().equals(key)) {
            last = new Memo(key, m.features());
            return m.features();
        }
        double[] changed = null;
        for (Map.Entry<String, Long> update : key.entrySet()) {
            int i = indexOf(update.getKey());
            if (i < 0) continue;
            if (changed == null) changed = values.clone();
            changed[i] = update.getValue();
        }
        Features f = changed == null ? features : Features.of(names, changed);
        last = new Memo(key, f);
        return f;
    }
}
