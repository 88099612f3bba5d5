package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.models.Prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collective times interpolated from measured rows: piecewise-linear in message size for a measured
 * worker count, then linear between the two nearest measured worker counts. Sizes beyond the
 * largest measured are extrapolated along the last segment (the bandwidth-bound regime), sizes
 * below the smallest take its time; both, and worker counts outside the table, are flagged out of range.
 * A layout is covered when rows exist for its collective and ranks-per-node.
 */
public final class ProfiledNetworkModel implements NetworkModel {
    private final String version;
    /** (op, devicesPerNode) → numWorkers → curve over size. */
    private final Map<SeriesKey, TreeMap<Integer, Curve>> series = new HashMap<>();

    private ProfiledNetworkModel(String name) {
        this.version = "profiled/" + name;
    }

    /**
     * @param name a label for the table, e.g. {@code h100_dgx}, recorded in every prediction
     * @throws IllegalArgumentException when there are no rows
     */
    public static ProfiledNetworkModel fromRows(String name, List<NetworkProfileRow> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException("network profile " + name + ": no rows");
        Map<SeriesKey, Map<Integer, List<NetworkProfileRow>>> grouped = new HashMap<>();
        for (NetworkProfileRow row : rows) {
            grouped.computeIfAbsent(new SeriesKey(row.op(), row.devicesPerNode()), k -> new TreeMap<>())
                    .computeIfAbsent(row.numWorkers(), k -> new ArrayList<>()).add(row);
        }
        ProfiledNetworkModel model = new ProfiledNetworkModel(name);
        grouped.forEach((key, byWorkers) -> {
            TreeMap<Integer, Curve> curves = new TreeMap<>();
            byWorkers.forEach((workers, points) -> curves.put(workers, Curve.of(points)));
            model.series.put(key, curves);
        });
        return model;
    }

    /** Whether rows exist for this collective at this many ranks per node. */
    public boolean covers(CollectiveOp op, GroupLayout layout) {
        return series.containsKey(new SeriesKey(op, layout.ranksPerNode()));
    }

    @Override
    public Prediction predict(CollectiveOp op, long bytes, GroupLayout layout) {
        if (bytes < 0) throw new IllegalArgumentException(op.kernelName() + ": negative size " + bytes + " bytes");
        TreeMap<Integer, Curve> curves = series.get(new SeriesKey(op, layout.ranksPerNode()));
        if (curves == null) {
            throw new IllegalArgumentException(version + " has no " + op.kernelName() + " rows for " + layout.ranksPerNode() + " devices per node");
        }
        int workers = layout.numRanks();
        String answeredBy = version + "/" + op.kernelName();
        Map.Entry<Integer, Curve> below = curves.floorEntry(workers);
        Map.Entry<Integer, Curve> above = curves.ceilingEntry(workers);
        if (below != null && above != null) {
            Sample lo = below.getValue().at(bytes);
            if (below.getKey() == workers) return prediction(lo.nanos, answeredBy, lo.outOfRange);
            Sample hi = above.getValue().at(bytes);
            double f = (double) (workers - below.getKey()) / (above.getKey() - below.getKey());
            return prediction(lo.nanos + f * (hi.nanos - lo.nanos), answeredBy, lo.outOfRange || hi.outOfRange);
        }
        Curve nearest = (below != null ? below : above).getValue();
        return prediction(nearest.at(bytes).nanos, answeredBy, true);
    }

    private static Prediction prediction(double nanos, String version, boolean outOfRange) {
        return new Prediction(Math.max(0, Math.round(nanos)), version, outOfRange);
    }

    private record SeriesKey(CollectiveOp op, int devicesPerNode) {}

    private record Sample(double nanos, boolean outOfRange) {}

    /** Time over size for one worker count; sizes strictly increasing. */
    private record Curve(long[] sizes, double[] nanos) {
        /** Repeated measurements of one size (Vidur's profiles have some) are averaged. */
        static Curve of(List<NetworkProfileRow> points) {
            TreeMap<Long, double[]> sumAndCount = new TreeMap<>();
            for (NetworkProfileRow p : points) {
                double[] acc = sumAndCount.computeIfAbsent(p.sizeBytes(), k -> new double[2]);
                acc[0] += p.millis() * 1e6;
                acc[1]++;
            }
            long[] sizes = new long[sumAndCount.size()];
            double[] nanos = new double[sizes.length];
            int i = 0;
            for (Map.Entry<Long, double[]> e : sumAndCount.entrySet()) {
                sizes[i] = e.getKey();
                nanos[i++] = e.getValue()[0] / e.getValue()[1];
            }
            return new Curve(sizes, nanos);
        }

        Sample at(long bytes) {
            int last = sizes.length - 1;
            if (bytes <= sizes[0]) return new Sample(nanos[0], bytes < sizes[0]);
            if (last == 0) return new Sample(nanos[0], true);
            int i = Arrays.binarySearch(sizes, bytes);
            if (i >= 0) return new Sample(nanos[i], false);
            int hi = Math.min(-i - 1, last);
            int lo = hi - 1;
            double f = (double) (bytes - sizes[lo]) / (sizes[hi] - sizes[lo]);
            double interpolated = nanos[lo] + f * (nanos[hi] - nanos[lo]);
            if (bytes > sizes[last]) {
                // A noisy last segment may slope down; a bigger message never takes less than the biggest measured.
                return new Sample(Math.max(interpolated, nanos[last]), true);
            }
            return new Sample(interpolated, false);
        }
    }
}
