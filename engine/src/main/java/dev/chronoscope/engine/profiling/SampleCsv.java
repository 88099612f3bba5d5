package dev.chronoscope.engine.profiling;

import java.util.List;
import java.util.Map;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * The project's kernel sample CSV (read by {@code chronoscope models import-samples}): columns
 * {@code kernel,duration_ns,source} and one column per feature, an empty cell where a kernel has
 * no such feature. Feature names are the models' (docs/models.md): the engine's launch argument
 * {@code num_tensor_parallel_workers} is written as {@code tp}, and every Llama-family MLP is gated.
 */
public final class SampleCsv {
    public static final String TP = "tp", USE_GATED_MLP = "use_gated_mlp";
    public static final String SIZE = "size", NUM_WORKERS = "num_workers", DEVICES_PER_NODE = "devices_per_node";
    /** Runtime costs: 1 where the ranks were processes of their own, 0 where they were threads of one. */
    public static final String PER_RANK = "per_rank";

    public static final List<String> FEATURES = List.of(NUM_TOKENS, N_EMBD, N_HEAD, N_KV_HEAD, N_EXPANDED_EMBD, VOCAB_SIZE,
            USE_GATED_MLP, TP, BATCH_SIZE, SUM_Q_KV, SUM_KV, BLOCK_SIZE, MAX_BLOCKS_PER_SEQ, SIZE, NUM_WORKERS, DEVICES_PER_NODE, PER_RANK);

    private SampleCsv() {}

    public static String header() {
        return "kernel,duration_ns,source," + String.join(",", FEATURES);
    }

    public static String row(String kernel, long durationNanos, String source, Map<String, Long> features) {
        for (String f : features.keySet()) {
            if (!FEATURES.contains(f)) throw new IllegalArgumentException(kernel + ": feature '" + f + "' has no sample column");
        }
        StringBuilder b = new StringBuilder(kernel).append(',').append(durationNanos).append(',').append(quoted(source));
        for (String f : FEATURES) {
            b.append(',');
            Long v = features.get(f);
            if (v != null) b.append(v);
        }
        return b.toString();
    }

    /** Launch arguments renamed to sample columns. */
    public static Map<String, Long> fromLaunchShape(Map<String, Long> shape) {
        var out = new java.util.TreeMap<String, Long>();
        shape.forEach((k, v) -> out.put(k.equals(NUM_TP_WORKERS) ? TP : k, v));
        out.put(USE_GATED_MLP, 1L);
        return out;
    }

    /** A collective's columns: bytes per rank and ranks, all on this machine. */
    public static Map<String, Long> collectiveFeatures(long bytes, int ranks) {
        return Map.of(SIZE, bytes, NUM_WORKERS, (long) ranks, DEVICES_PER_NODE, (long) ranks);
    }

    private static String quoted(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
