package dev.chronoscope.emulator.calibrate;

import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.ModelFitter;
import dev.chronoscope.emulator.models.fit.Solver;
import dev.chronoscope.emulator.models.fit.TrainingRow;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.form.RooflineSpec;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The form and features of each cpu-local kernel model. Candidates are built only from work
 * derived from shapes (FLOPs, bytes, weight bytes, row width, tokens, batch) and never from the
 * device's nominal peaks or cache size, so a model fitted on the tiny model's shapes transfers to
 * other widths and TP degrees, and predicts the same whatever figures the catalogue later holds
 * for cpu-local: linear sums of work terms, and interpolated curves of duration over FLOPs or
 * bytes. The candidate with the lowest k-fold cross-validated MAPE wins.
 */
final class FitChoice {
    private static final String ONE = "1", FLOPS = "flops", BYTES = "bytes", WEIGHTS = "weight_bytes", ROW = "row_elems",
            TOKENS = "tokens", BATCH = "batch_size", LINK = "link_bytes",
            SIZE = "size", WORKERS = "num_workers", PER_RANK = "per_rank";
    private static final int FOLDS = 5;
    private static final double OUTLIER_K = 8;

    private FitChoice() {}

    static List<FitOptions> candidates(String kernel) {
        // A hand-off or a host step costs about the same whatever the batch: the mean of its samples, and for
        // the host step, one mean for ranks as threads and another for a process per rank (messages between them).
        if (kernel.equals("host_step")) return List.of(linear(ONE, PER_RANK), linear(ONE));
        if (KernelNames.isRuntime(kernel)) return List.of(linear(ONE));
        if (KernelNames.isCollective(kernel)) {
            return List.of(new FitOptions(ModelForm.TABLE, List.of("num_workers", "devices_per_node", "size"), Solver.NNLS, 0, FOLDS, OUTLIER_K),
                    linear(ONE, LINK, SIZE, WORKERS), linear(ONE, LINK));
        }
        List<FitOptions> linear = switch (kernel) {
            case "attn_prefill" -> List.of(linear(ONE, FLOPS, BYTES, TOKENS, BATCH), linear(ONE, FLOPS, BYTES));
            case "attn_decode" -> List.of(linear(ONE, FLOPS, BYTES, BATCH), linear(ONE, FLOPS, BYTES));
            default -> List.of(linear(ONE, FLOPS, BYTES, WEIGHTS, ROW, TOKENS), linear(ONE, FLOPS, BYTES, TOKENS), linear(ONE, FLOPS, BYTES));
        };
        // A CPU's cost per FLOP or byte steps up where the working set leaves a cache level; a curve
        // over the work itself follows those steps, which no sum of work terms can.
        return Stream.concat(linear.stream(), Stream.of(curve(FLOPS), curve(BYTES))).toList();
    }

    private static FitOptions curve(String axis) {
        return new FitOptions(ModelForm.TABLE, List.of(axis), Solver.NNLS, 0, FOLDS, OUTLIER_K);
    }

    /**
     * The candidate for {@code kernel} with the lowest cross-validated MAPE on {@code rows}. A linear
     * candidate needs twice as many samples as coefficients, so that dropping outliers (fewer than
     * half) still leaves it determined; a table fits any number of samples, so one always qualifies.
     */
    static FitOptions best(String kernel, List<TrainingRow> rows, RooflineSpec spec) {
        return candidates(kernel).stream()
                .filter(o -> o.form() != ModelForm.LINEAR || 2 * o.features().size() <= rows.size())
                .min(Comparator.comparingDouble(o -> score(kernel, rows, spec, o)))
                .orElseThrow();
    }

    private static double score(String kernel, List<TrainingRow> rows, RooflineSpec spec, FitOptions options) {
        try {
            double cv = new ModelFitter(kernel, spec, options).fit(rows).metrics().cvMape();
            return Double.isNaN(cv) ? Double.MAX_VALUE / 2 : cv;
        } catch (IllegalArgumentException unfit) {
            return Double.MAX_VALUE;
        }
    }

    private static FitOptions linear(String... features) {
        return new FitOptions(ModelForm.LINEAR, List.of(features), Solver.NNLS, 0, FOLDS, OUTLIER_K);
    }
}
