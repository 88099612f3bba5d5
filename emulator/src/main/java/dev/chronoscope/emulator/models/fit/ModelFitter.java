package dev.chronoscope.emulator.models.fit;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.FeatureRanges;
import dev.chronoscope.emulator.models.form.KernelModel;
import dev.chronoscope.emulator.models.form.LinearModel;
import dev.chronoscope.emulator.models.form.RooflineModel;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.form.TableModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fits one kernel's samples in the chosen form. Linear and roofline fits minimise relative error
 * (rows weighted by 1/duration): kernels span microseconds to milliseconds and a plain fit would
 * ignore the short ones.
 */
public final class ModelFitter {
    private static final long FOLD_SEED = 20260101L;
    /** Knots per table curve; profiles have ~1000 sizes, far more than a smooth curve needs. */
    static final int MAX_KNOTS = 32;

    private final String kernel;
    private final RooflineSpec spec;
    private final FitOptions options;

    public ModelFitter(String kernel, RooflineSpec spec, FitOptions options) {
        this.kernel = kernel;
        this.spec = spec;
        this.options = options;
    }

    public FitResult fit(List<TrainingRow> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no samples to fit for " + kernel);
        List<Features> engineered = rows.stream().map(r -> EngineeredFeatures.of(kernel, r.raw(), spec)).toList();
        double[] y = rows.stream().mapToDouble(TrainingRow::nanos).toArray();
        KernelModel model = fitModel(engineered, y);
        double[] predicted = predict(model, engineered);
        FitMetrics metrics = FitMetrics.of(y, predicted, crossValidatedMape(engineered, y));
        return new FitResult(model, metrics, FeatureRanges.of(rows.stream().map(TrainingRow::raw).toList()),
                dataHash(rows), OutlierRule.outliers(y, predicted, options.outlierK()));
    }

    private KernelModel fitModel(List<Features> x, double[] y) {
        return switch (options.form()) {
            case LINEAR -> fitLinear(x, y);
            case ROOFLINE -> fitRoofline(x, y);
            case TABLE -> fitTable(x, y);
        };
    }

    private LinearModel fitLinear(List<Features> x, double[] y) {
        List<String> names = options.features();
        double[][] design = design(x, names);
        double[] beta = LeastSquares.solve(options.solver(), design, y, inverse(y), options.ridgeLambda());
        return new LinearModel(names, beta);
    }

    /** duration = overhead + roofline/efficiency is linear in (1, roofline): an NNLS fit of two terms. */
    private RooflineModel fitRoofline(List<Features> x, double[] y) {
        double[][] design = design(x, List.of(EngineeredFeatures.INTERCEPT, EngineeredFeatures.ROOFLINE_NS));
        double[] beta = LeastSquares.solve(Solver.NNLS, design, y, inverse(y), 0);
        if (beta[1] <= 0) {
            throw new IllegalArgumentException(kernel + ": durations do not grow with roofline time on these samples; "
                    + "a roofline fit needs samples of different sizes");
        }
        return new RooflineModel(1 / beta[1], beta[0]);
    }

    private TableModel fitTable(List<Features> x, double[] y) {
        List<String> keys = options.features().subList(0, options.features().size() - 1);
        String axis = options.features().getLast();
        Map<List<Double>, TreeMap<Double, List<Double>>> curves = new TreeMap<>(ModelFitter::compareKeys);
        for (int i = 0; i < x.size(); i++) {
            Features f = x.get(i);
            if (!f.has(axis)) throw new IllegalArgumentException("sample without table axis feature '" + axis + "'");
            List<Double> key = keys.stream().map(k -> f.get(k, 0)).toList();
            curves.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(f.get(axis, 0), a -> new ArrayList<>()).add(y[i]);
        }
        List<TableModel.Row> rows = new ArrayList<>();
        curves.forEach((key, curve) -> rows.add(knots(key.stream().mapToDouble(Double::doubleValue).toArray(), curve)));
        return new TableModel(keys, axis, rows);
    }

    /**
     * Reduces a measured curve to at most {@link #MAX_KNOTS} knots: equal-count bins of the sorted
     * points, each a knot at the bin's median axis value and median duration. The table then holds
     * a smoothed fit, not the raw measurements, and noise between neighbours averages out.
     */
    private static TableModel.Row knots(double[] key, TreeMap<Double, List<Double>> curve) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        curve.forEach((x, v) -> v.forEach(d -> { xs.add(x); ys.add(d); }));
        int points = curve.size();
        int bins = Math.min(MAX_KNOTS, points);
        double[] knotX = new double[bins], knotY = new double[bins];
        List<Double> axisValues = new ArrayList<>(curve.keySet());
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * points / bins), to = (int) ((long) (b + 1) * points / bins);
            List<Double> binAxis = axisValues.subList(from, to);
            double lo = binAxis.getFirst(), hi = binAxis.getLast();
            List<Double> binY = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) if (xs.get(i) >= lo && xs.get(i) <= hi) binY.add(ys.get(i));
            knotX[b] = median(binAxis);
            knotY[b] = median(binY);
        }
        return new TableModel.Row(key, knotX, knotY);
    }

    private double crossValidatedMape(List<Features> x, double[] y) {
        int k = Math.min(options.folds(), y.length);
        if (y.length < 2 * k) return Double.NaN;
        Integer[] order = new Integer[y.length];
        Arrays.setAll(order, i -> i);
        java.util.Collections.shuffle(Arrays.asList(order), new Random(FOLD_SEED));
        double ape = 0;
        for (int fold = 0; fold < k; fold++) {
            List<Features> trainX = new ArrayList<>();
            List<Double> trainY = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                if (i % k == fold) test.add(order[i]);
                else { trainX.add(x.get(order[i])); trainY.add(y[order[i]]); }
            }
            KernelModel m = fitModel(trainX, trainY.stream().mapToDouble(Double::doubleValue).toArray());
            for (int i : test) ape += Math.abs(m.predictNanos(x.get(i)) - y[i]) / y[i];
        }
        return 100 * ape / y.length;
    }

    private static double[] predict(KernelModel m, List<Features> x) {
        return x.stream().mapToDouble(m::predictNanos).toArray();
    }

    private static double[][] design(List<Features> x, List<String> names) {
        double[][] d = new double[x.size()][names.size()];
        for (int i = 0; i < x.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                String name = names.get(j);
                if (!x.get(i).has(name)) throw new IllegalArgumentException("unknown feature '" + name + "'; engineered features are "
                        + EngineeredFeatures.NAMES + " plus the samples' raw features");
                d[i][j] = x.get(i).get(name, 0);
            }
        }
        return d;
    }

    private static double[] inverse(double[] y) {
        return Arrays.stream(y).map(v -> 1 / v).toArray();
    }

    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static int compareKeys(List<Double> a, List<Double> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Double.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }

    /** SHA-256 over the samples in order, so a version records exactly which data it was fitted on. */
    public static String dataHash(List<TrainingRow> rows) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (TrainingRow r : rows) sha.update((r.raw() + "=" + r.nanos() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
