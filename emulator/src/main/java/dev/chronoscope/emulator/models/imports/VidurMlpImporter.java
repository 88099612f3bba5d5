package dev.chronoscope.emulator.models.imports;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.store.NewSample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Vidur's {@code mlp.csv}: per-op medians (milliseconds) by model shape, token count and TP degree.
 * Shape columns are renamed to the engine's launch arguments (num_tensor_parallel_workers → tp).
 */
public final class VidurMlpImporter {
    private VidurMlpImporter() {}

    static final String[] SHAPE = {"n_head", "n_kv_head", "n_embd", "n_expanded_embd", "vocab_size", "use_gated_mlp",
            "num_tokens", "num_tensor_parallel_workers"};

    public static List<NewSample> read(Path file) {
        CsvTable t = CsvTable.read(file);
        t.require(SHAPE);
        List<String> ops = KernelNames.VIDUR_MLP_OPS.stream().filter(op -> t.has(median(op))).toList();
        if (ops.isEmpty()) throw new ImportException(file.toString(), 1, null, "no time_stats.<op>.median column for any of " + KernelNames.VIDUR_MLP_OPS);
        List<NewSample> out = new ArrayList<>();
        String source = "vidur:" + file;
        for (int r = 0; r < t.size(); r++) {
            Features f = shape(t, r);
            for (String op : ops) out.add(new NewSample(op, f, t.number(r, median(op), true) * 1e6, source));
        }
        return out;
    }

    /** The launch features of one row. */
    static Features shape(CsvTable t, int r) {
        return Features.of("num_tokens", t.number(r, "num_tokens", true), "n_embd", t.number(r, "n_embd", true),
                "n_head", t.number(r, "n_head", true), "n_kv_head", t.number(r, "n_kv_head", true),
                "n_expanded_embd", t.number(r, "n_expanded_embd", true), "vocab_size", t.number(r, "vocab_size", true),
                "use_gated_mlp", t.bool(r, "use_gated_mlp"), "tp", t.number(r, "num_tensor_parallel_workers", true));
    }

    static String median(String op) { return "time_stats." + op + ".median"; }
}
