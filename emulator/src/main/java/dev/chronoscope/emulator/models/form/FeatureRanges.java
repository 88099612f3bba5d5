package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The range of each raw feature a model was fitted on, to flag predictions outside it. */
public record FeatureRanges(Map<String, double[]> ranges) {

    public static final FeatureRanges NONE = new FeatureRanges(Map.of());

    public FeatureRanges {
        Map<String, double[]> copy = new TreeMap<>();
        ranges.forEach((k, v) -> copy.put(k, new double[]{v[0], v[1]}));
        ranges = Collections.unmodifiableMap(copy);
    }

    public static FeatureRanges of(Collection<Features> samples) {
        Map<String, double[]> r = new TreeMap<>();
        for (Features f : samples) {
            for (int i = 0; i < f.size(); i++) {
                double v = f.value(i);
                r.merge(f.name(i), new double[]{v, v}, (a, b) -> new double[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        return new FeatureRanges(r);
    }

    /**
     * The first fitted feature that {@code raw} lacks or holds outside its fitted range, or null when
     * all lie within. A missing shape argument counts: the model never saw a launch without it.
     */
    public String firstOutside(Features raw) {
        for (var e : ranges.entrySet()) {
            if (!raw.has(e.getKey())) return e.getKey();
            double v = raw.get(e.getKey(), 0);
            if (v < e.getValue()[0] || v > e.getValue()[1]) return e.getKey();
        }
        return null;
    }
}
