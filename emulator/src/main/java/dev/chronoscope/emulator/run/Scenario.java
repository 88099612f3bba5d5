package dev.chronoscope.emulator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One emulation (DESIGN §3): the model and deployment, the engine's knobs, the workload and the time
 * mode. {@link #validate()} checks everything that can be checked before a JVM starts.
 *
 * @param models the kernel-model store the agent reads
 */
public record Scenario(String model, String gpu, int tensorParallelSize, int pipelineParallelSize, String timeMode,
                       String processes, long seed, Path models, EngineKnobs engine, Workload workload) {

    /** The engine knobs of {@code serve}, with vLLM's names; null means the engine's default. */
    public record EngineKnobs(int maxNumSeqs, Integer maxNumBatchedTokens, int blockSize, double gpuMemoryUtilization,
                              boolean enablePrefixCaching, boolean enableChunkedPrefill, Integer maxModelLen,
                              String schedulingPolicy) {}

    /** The workload flags of {@code bench}; null means the benchmark's default. */
    public record Workload(String dataset, Path datasetPath, int randomInputLen, int randomOutputLen,
                           double randomRangeRatio, Integer sharegptOutputLen, double requestRate, double burstiness,
                           Integer maxConcurrency, int numPrompts, List<String> goodput, String percentileMetrics,
                           String metricPercentiles) {}

    public int worldSize() { return tensorParallelSize * pipelineParallelSize; }

    /** One engine JVM per rank (the engine's {@code mp} backend) joined by the coordinator. */
    public boolean perRank() { return "per-rank".equals(processes); }

    /** Fails with a message naming the option or file when the scenario cannot run. */
    public ModelShape validate() {
        ModelShape shape = ModelShape.resolve(model);
        DeviceCatalog catalog = DeviceCatalog.standard();
        if (catalog.names().stream().noneMatch(n -> n.equalsIgnoreCase(gpu))) {
            throw new ScenarioException("--gpu: unknown device type '" + gpu + "'; valid device types: "
                    + String.join(", ", catalog.names()));
        }
        shape.checkLayout(tensorParallelSize, pipelineParallelSize);
        if (!timeMode.equals("modeled") && !timeMode.equals("measured")) {
            throw new ScenarioException("--time-mode must be modeled or measured, got '" + timeMode + "'");
        }
        if (!processes.equals("single") && !processes.equals("per-rank")) {
            throw new ScenarioException("--processes must be single or per-rank, got '" + processes + "'");
        }
        if (perRank() && timeMode.equals("measured")) {
            // Measured slices end past the time the coordinator permitted; a message read then waits for a
            // grant that the message itself holds back (docs/emulate.md, "Per-rank processes").
            throw new ScenarioException("--processes per-rank needs --time-mode modeled: measured time across"
                    + " processes is not built (the coordinator stalls on the first message); use --processes single"
                    + " for measured time");
        }
        if (workload.numPrompts() < 1) throw new ScenarioException("--num-prompts must be at least 1, got " + workload.numPrompts());
        if (!(workload.requestRate() > 0)) throw new ScenarioException("--request-rate must be positive (or inf), got " + workload.requestRate());
        if (!(engine.gpuMemoryUtilization() > 0 && engine.gpuMemoryUtilization() <= 1)) {
            throw new ScenarioException("--gpu-memory-utilization must be in (0, 1], got " + engine.gpuMemoryUtilization());
        }
        WorkloadFiles.check(workload.dataset(), workload.datasetPath());
        return shape;
    }

    /** The engine's own command line: its in-process benchmark, saving vLLM's result fields to {@code resultFile}. */
    public List<String> benchArguments(Path resultFile) {
        // The engine runs in the run folder: a config.json path must not depend on where emulate ran.
        String modelArgument = java.nio.file.Files.exists(Path.of(model)) ? Path.of(model).toAbsolutePath().toString() : model;
        List<String> a = new ArrayList<>(List.of("bench", "--in-process", "--model", modelArgument,
                "--tensor-parallel-size", Integer.toString(tensorParallelSize),
                "--pipeline-parallel-size", Integer.toString(pipelineParallelSize),
                "--max-num-seqs", Integer.toString(engine.maxNumSeqs()),
                "--block-size", Integer.toString(engine.blockSize()),
                "--gpu-memory-utilization", Double.toString(engine.gpuMemoryUtilization()),
                engine.enablePrefixCaching() ? "--enable-prefix-caching" : "--no-enable-prefix-caching",
                engine.enableChunkedPrefill() ? "--enable-chunked-prefill" : "--no-enable-chunked-prefill",
                "--scheduling-policy", engine.schedulingPolicy()));
        if (engine.maxNumBatchedTokens() != null) a.addAll(List.of("--max-num-batched-tokens", engine.maxNumBatchedTokens().toString()));
        if (perRank()) a.addAll(List.of("--distributed-executor-backend", "mp"));
        if (engine.maxModelLen() != null) a.addAll(List.of("--max-model-len", engine.maxModelLen().toString()));
        Workload w = workload;
        a.addAll(List.of("--dataset", w.dataset(), "--random-input-len", Integer.toString(w.randomInputLen()),
                "--random-output-len", Integer.toString(w.randomOutputLen()),
                "--random-range-ratio", Double.toString(w.randomRangeRatio()),
                "--request-rate", Double.isInfinite(w.requestRate()) ? "inf" : Double.toString(w.requestRate()),
                "--burstiness", Double.toString(w.burstiness()), "--num-prompts", Integer.toString(w.numPrompts()),
                "--seed", Long.toString(seed), "--ignore-eos",
                "--percentile-metrics", w.percentileMetrics(), "--metric-percentiles", w.metricPercentiles(),
                "--save-result", "--result-filename", resultFile.toString()));
        if (w.datasetPath() != null) a.addAll(List.of("--dataset-path", w.datasetPath().toAbsolutePath().toString()));
        if (w.sharegptOutputLen() != null) a.addAll(List.of("--sharegpt-output-len", w.sharegptOutputLen().toString()));
        if (w.maxConcurrency() != null) a.addAll(List.of("--max-concurrency", w.maxConcurrency().toString()));
        if (w.goodput() != null && !w.goodput().isEmpty()) {
            a.add("--goodput");
            a.addAll(w.goodput());
        }
        return a;
    }

    /** The agent's options (see the agent's AgentOptions) for a run written to {@code runDir}. */
    public String agentOptions(Path runDir) {
        return "gpu=" + gpu.toLowerCase(java.util.Locale.ROOT) + ",gpus=" + worldSize() + ",time=" + timeMode
                + ",run=" + runDir.toAbsolutePath() + (models == null ? "" : ",models=" + models.toAbsolutePath())
                + (perRank() ? ",coordinator=env" : "");
    }

    /** The scenario as given, for the run folder and the stream's run header. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("gpu", gpu);
        m.put("tensor_parallel_size", tensorParallelSize);
        m.put("pipeline_parallel_size", pipelineParallelSize);
        m.put("time_mode", timeMode);
        m.put("processes", processes);
        m.put("seed", seed);
        m.put("engine", engine);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("dataset", workload.dataset());
        w.put("dataset_path", workload.datasetPath() == null ? null : workload.datasetPath().toString());
        w.put("random_input_len", workload.randomInputLen());
        w.put("random_output_len", workload.randomOutputLen());
        w.put("random_range_ratio", workload.randomRangeRatio());
        w.put("request_rate", Double.isInfinite(workload.requestRate()) ? "inf" : workload.requestRate());
        w.put("burstiness", workload.burstiness());
        w.put("max_concurrency", workload.maxConcurrency());
        w.put("num_prompts", workload.numPrompts());
        m.put("workload", w);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
