package dev.chronoscope.emulator.validate;

/**
 * A serving metric compared between real and emulated runs, named as vLLM's bench names it. The
 * {@code targeted} ones carry the ≤ 5% error target of DESIGN §13. The two best-case ones (the fastest
 * first token, the 10th-percentile inter-token gap) are diagnostics: other processes can only make a
 * real request slower, so on a busy machine they show how well the kernel models alone predict.
 */
public enum Metric {
    MEAN_TTFT("mean_ttft_ms", "mean TTFT", "ms", true),
    P99_TTFT("p99_ttft_ms", "p99 TTFT", "ms", false),
    MEAN_TPOT("mean_tpot_ms", "mean TPOT", "ms", true),
    MEAN_E2E("mean_e2el_ms", "mean E2E", "ms", false),
    THROUGHPUT("output_throughput", "throughput", "tok/s", true),
    MIN_TTFT("min_ttft_ms", "min TTFT", "ms", false),
    P10_ITL("p10_itl_ms", "p10 ITL", "ms", false);

    private final String field;
    private final String label;
    private final String unit;
    private final boolean targeted;

    Metric(String field, String label, String unit, boolean targeted) {
        this.field = field;
        this.label = label;
        this.unit = unit;
        this.targeted = targeted;
    }

    public String label() { return label; }

    public String unit() { return unit; }

    /** Whether the ≤ 5% error target applies to it. */
    public boolean targeted() { return targeted; }

    /** Its key in validation.json, vLLM's name where vLLM has one, e.g. {@code mean_ttft_ms}. */
    public String key() { return field; }
}
