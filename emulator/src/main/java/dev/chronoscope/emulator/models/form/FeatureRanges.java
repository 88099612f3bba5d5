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

    /** The first feature of {@code raw} outside its fitted range, or null when all lie within. */
    public String firstOutside(Features raw) {
        for (int i = 0; i < raw.size(); i++) {
            double[] range = ranges.get(raw.name(i));
            if (range != null && (raw.value(i) < range[0] || raw.value(i) > range[1])) return raw.name(i);
        }
        return null;
    }
}
