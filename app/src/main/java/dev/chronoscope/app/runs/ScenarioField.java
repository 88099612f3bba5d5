package dev.chronoscope.app.runs;

/** The knobs of a scenario as the editor shows them, with the emulate option each one sets. */
public enum ScenarioField {
    MODEL("Model", "--model"),
    GPU("GPU", "--gpu"),
    TENSOR_PARALLEL("Tensor parallel (TP)", "--tensor-parallel-size"),
    PIPELINE_PARALLEL("Pipeline parallel (PP)", "--pipeline-parallel-size"),
    MAX_NUM_SEQS("Max num seqs", "--max-num-seqs"),
    MAX_NUM_BATCHED_TOKENS("Max batched tokens", "--max-num-batched-tokens"),
    BLOCK_SIZE("KV block size", "--block-size"),
    GPU_MEMORY_UTILIZATION("GPU memory utilization", "--gpu-memory-utilization"),
    PREFIX_CACHING("Prefix caching", "--enable-prefix-caching"),
    CHUNKED_PREFILL("Chunked prefill", "--enable-chunked-prefill"),
    DATASET("Dataset", "--dataset"),
    REQUEST_RATE("Request rate (req/s)", "--request-rate"),
    BURSTINESS("Burstiness", "--burstiness"),
    NUM_PROMPTS("Number of prompts", "--num-prompts"),
    SEED("Seed", "--seed"),
    TIME_MODE("Time mode", "--time-mode"),
    PROCESSES("Processes", "--processes");

    private final String label;
    private final String option;

    ScenarioField(String label, String option) {
        this.label = label;
        this.option = option;
    }

    public String label() { return label; }
    public String option() { return option; }
}
