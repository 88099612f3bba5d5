package dev.chronoscope.emulator.models;

import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.defaults.RooflineDefaults;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.store.ModelVersion;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers every (device, kernel): the active fitted version where the store has one, else the
 * roofline default on the device's spec. Predictions are memoised per (device, kernel, features):
 * an emulation asks for the same shapes millions of times. Thread-safe; immutable over a snapshot
 * of active versions (build a new one after an activation).
 */
public final class StorePredictor implements KernelPredictor {

    private record Key(String device, String kernel, Features features) {}

    private static final int MEMO_LIMIT = 1 << 18;

    private final Map<String, ModelVersion> active = new ConcurrentHashMap<>();
    private final Function<String, Optional<RooflineSpec>> catalogue;
    private final RooflineDefaults roofline;
    private final Map<Key, Prediction> memo = new ConcurrentHashMap<>();
    /**
     * One instance per model-version label: every kernel event carries its prediction's label, and the
     * sinks that count or intern labels then compare them by reference instead of character by character.
     */
    private final Map<String, String> labels = new ConcurrentHashMap<>();

    /**
     * @param activeVersions the store's active versions
     * @param catalogue      device specs from the device catalogue; names it does not know fall back to {@link BuiltInDeviceSpecs}
     * @param roofline       efficiencies for kernels without an active version
     */
    public StorePredictor(Collection<ModelVersion> activeVersions, Function<String, Optional<RooflineSpec>> catalogue, RooflineDefaults roofline) {
        activeVersions.forEach(v -> active.put(v.device() + "\u0000" + v.kernel(), v));
        this.catalogue = catalogue;
        this.roofline = roofline;
    }

    @Override public Prediction predict(String deviceType, String kernel, Features features) {
        Key key = new Key(deviceType, kernel, features);
        Prediction cached = memo.get(key);
        if (cached != null) return cached;
        // Decode attention sees a new Σkv almost every step; a bound keeps long runs from hoarding memory.
        if (memo.size() >= MEMO_LIMIT) memo.clear();
        return memo.computeIfAbsent(key, k -> compute(deviceType, kernel, features));
    }

    /** The spec the roofline and engineered features use for {@code device}. */
    public RooflineSpec spec(String device) {
        return BuiltInDeviceSpecs.resolve(catalogue, device);
    }

    private Prediction compute(String device, String kernel, Features raw) {
        Features engineered = EngineeredFeatures.of(kernel, raw, spec(device));
        ModelVersion v = active.get(device + "\u0000" + kernel);
        if (v != null) {
            return new Prediction(Math.round(v.model().predictNanos(engineered)), label(v.label()), v.ranges().firstOutside(raw) != null);
        }
        return new Prediction(Math.round(roofline.forKernel(kernel).predictNanos(engineered)), label("roofline/" + device + "/" + kernel), false);
    }

    private String label(String label) {
        String known = labels.putIfAbsent(label, label);
        return known == null ? label : known;
    }
}
