package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A measured grid: rows keyed by discrete features (e.g. num_workers, devices_per_node), each a
 * curve of duration over one axis feature (e.g. message size), interpolated linearly between points
 * and extended along the end segments beyond them. A key not in the table uses the nearest row.
 */
public record TableModel(List<String> keys, String axis, List<Row> rows) implements KernelModel {

    /** One curve: its key values and sorted (axis, nanos) points. */
    public record Row(double[] key, double[] axisValues, double[] nanos) {
        public Row {
            key = key.clone();
            axisValues = axisValues.clone();
            nanos = nanos.clone();
            if (axisValues.length != nanos.length || axisValues.length == 0) {
                throw new IllegalArgumentException("table row needs as many durations as axis values, and at least one");
            }
            for (int i = 1; i < axisValues.length; i++) {
                if (!(axisValues[i] > axisValues[i - 1])) throw new IllegalArgumentException("table row axis values must increase strictly");
            }
        }
    }

    public TableModel {
        keys = List.copyOf(keys);
        rows = List.copyOf(rows);
        if (rows.isEmpty()) throw new IllegalArgumentException("table model without rows");
        for (Row r : rows) {
            if (r.key().length != keys.size()) throw new IllegalArgumentException("table row key has " + r.key().length + " values for " + keys.size() + " key features");
        }
    }

    @Override public ModelForm form() { return ModelForm.TABLE; }

    @Override public List<String> features() {
        List<String> all = new ArrayList<>(keys);
        all.add(axis);
        return all;
    }

    @Override public double predictNanos(Features engineered) {
        Row row = nearest(engineered);
        return Math.max(0, interpolate(row, engineered.get(axis, 0)));
    }

    /** True when the features name a key the table holds. */
    public boolean hasKey(Features f) {
        return rows.stream().anyMatch(r -> distance(r, f) == 0);
    }

    private Row nearest(Features f) {
        Row best = rows.getFirst();
        double bestDistance = Double.MAX_VALUE;
        for (Row r : rows) {
            double d = distance(r, f);
            if (d < bestDistance) { bestDistance = d; best = r; }
        }
        return best;
    }

    private double distance(Row r, Features f) {
        double d = 0;
        for (int i = 0; i < keys.size(); i++) {
            double want = f.get(keys.get(i), r.key()[i]), have = r.key()[i];
            d += Math.abs(Math.log((Math.abs(want) + 1) / (Math.abs(have) + 1)));
        }
        return d;
    }

    private static double interpolate(Row r, double x) {
        double[] xs = r.axisValues(), ys = r.nanos();
        if (xs.length == 1) return ys[0];
        int i = Arrays.binarySearch(xs, x);
        if (i >= 0) return ys[i];
        int hi = Math.clamp(-i - 1, 1, xs.length - 1), lo = hi - 1;
        return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo]);
    }
}
