package dev.chronoscope.app.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything {@code chronoscope emulate} needs to run one deployment (DESIGN §3 step 1). Built by
 * the scenario editor only after validation, so a Scenario is always well-formed.
 *
 * @param requestRate requests per second; {@link Double#POSITIVE_INFINITY} sends every request at once
 * @param timeMode    "modeled" (deterministic) or "measured"
 */
public record Scenario(String model, String gpu, int tensorParallel, int pipelineParallel, int maxNumSeqs,
                       int maxNumBatchedTokens, int blockSize, double gpuMemoryUtilization, boolean prefixCaching,
                       boolean chunkedPrefill, String dataset, double requestRate, double burstiness, int numPrompts,
                       long seed, String timeMode, int processes) {

    /** Number of virtual GPUs (ranks) the deployment uses. */
    public int worldSize() { return tensorParallel * pipelineParallel; }

    /** A short name for run lists: "llama-3-8b · 2×h100-sxm · 4.0 req/s". */
    public String label() {
        String rate = Double.isInfinite(requestRate) ? "inf" : String.format(Locale.ROOT, "%.1f", requestRate);
        return model + " · " + worldSize() + "×" + gpu + " · " + rate + " req/s";
    }

    /** The command-line arguments of {@code chronoscope emulate} for this scenario (docs/emulate.md). */
    public List<String> toEmulateArgs() {
        List<String> a = new ArrayList<>();
        add(a, "--model", model);
        add(a, "--gpu", gpu);
        add(a, "--tensor-parallel-size", tensorParallel);
        add(a, "--pipeline-parallel-size", pipelineParallel);
        add(a, "--max-num-seqs", maxNumSeqs);
        add(a, "--max-num-batched-tokens", maxNumBatchedTokens);
        add(a, "--block-size", blockSize);
        add(a, "--gpu-memory-utilization", gpuMemoryUtilization);
        a.add(prefixCaching ? "--enable-prefix-caching" : "--no-enable-prefix-caching");
        a.add(chunkedPrefill ? "--enable-chunked-prefill" : "--no-enable-chunked-prefill");
        add(a, "--dataset", dataset);
        add(a, "--request-rate", Double.isInfinite(requestRate) ? "inf" : requestRate);
        add(a, "--burstiness", burstiness);
        add(a, "--num-prompts", numPrompts);
        add(a, "--seed", seed);
        add(a, "--time-mode", timeMode);
        // 1: every rank in one engine JVM ("single"); otherwise one engine JVM per rank ("per-rank").
        add(a, "--processes", processes == 1 ? "single" : "per-rank");
        return a;
    }

    private static void add(List<String> args, String option, Object value) {
        args.add(option);
        args.add(value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : String.valueOf(value));
    }

    /** The editor's starting point: a small, quick llama-3-8b run on one H100. */
    public static Scenario defaults() {
        return new Scenario("llama-3-8b", "h100-sxm", 1, 1, 256, 8192, 16, 0.9, true, true,
                "random", 4.0, 1.0, 200, 0, "modeled", 1);
    }
}
