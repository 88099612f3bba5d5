package dev.chronoscope.emulator.validate;

/**
 * A serving metric compared between real and emulated runs, read from the benchmark's result JSON
 * (vLLM's field names). The {@code targeted} ones carry the ≤ 5% error target of DESIGN §13.
 */
public enum Metric {
    MEAN_TTFT("mean_ttft_ms", "mean TTFT", "ms", true),
    P99_TTFT("p99_ttft_ms", "p99 TTFT", "ms", false),
    MEAN_TPOT("mean_tpot_ms", "mean TPOT", "ms", true),
    MEAN_E2E("mean_e2el_ms", "mean E2E", "ms", false),
    THROUGHPUT("output_throughput", "throughput", "tok/s", true);

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

    /** The field of the benchmark's result JSON that holds it. */
    public String field() { return field; }

    public String label() { return label; }

    public String unit() { return unit; }

    /** Whether the ≤ 5% error target applies to it. */
    public boolean targeted() { return targeted; }

    /** Its key in validation.json, e.g. {@code mean_ttft_ms}. */
    public String key() { return field; }
}
