package dev.chronoscope.emulator.cli;

import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.StoreException;
import dev.chronoscope.emulator.models.store.StoreLocation;
import dev.chronoscope.emulator.run.EmulatedRun;
import dev.chronoscope.emulator.run.EngineInstallation;
import dev.chronoscope.emulator.run.RunFailedException;
import dev.chronoscope.emulator.run.Scenario;
import dev.chronoscope.emulator.run.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code chronoscope emulate}: a serving scenario run GPU-free in virtual time (DESIGN §3, §12). */
@Command(name = "emulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a serving scenario GPU-free in virtual time; print vLLM's result block and write the run folder.",
                "The unchanged engine runs in a child JVM with the interposer agent, driven by its in-process benchmark."})
final class EmulateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Preset (tiny, llama-3-8b, llama-3-70b, ...) or a HuggingFace config.json.")
    String model;

    @Option(names = "--gpu", defaultValue = "h100-sxm", description = "Virtual GPU type from the catalogue (default: ${DEFAULT-VALUE}).")
    String gpu;

    @Option(names = {"--tensor-parallel-size", "-tp"}, defaultValue = "1", description = "Tensor-parallel ranks (default: ${DEFAULT-VALUE}).")
    int tensorParallelSize;

    @Option(names = {"--pipeline-parallel-size", "-pp"}, defaultValue = "1", description = "Pipeline stages (default: ${DEFAULT-VALUE}).")
    int pipelineParallelSize;

    @Option(names = "--time-mode", defaultValue = "modeled", description = "modeled (deterministic) or measured (default: ${DEFAULT-VALUE}).")
    String timeMode;

    @Option(names = "--processes", defaultValue = "single", description = "single: every rank in one engine JVM (default); per-rank: one JVM per rank joined by the coordinator (tensor and pipeline parallelism).")
    String processes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the workload (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--models", description = "Kernel-model store (default: the user's store, seeded with the shipped defaults).")
    Path models;

    @Option(names = "--out", description = "Run folder to create (default: runs/emulate-<time>).")
    Path out;

    @Option(names = "--trace-max-kernels", defaultValue = "200000", description = "Most kernels in trace.json (default: ${DEFAULT-VALUE}); the run folder keeps all.")
    long traceMaxKernels;

    @Option(names = "--live-port", defaultValue = "0", description = "Also stream the run live to a subscriber listening on 127.0.0.1:PORT (the workbench).")
    int livePort;

    @Option(names = "--control-port", defaultValue = "0", description = "Obey pause/resume/step/stop from 127.0.0.1:PORT; the run's token comes from CHRONOSCOPE_CONTROL_TOKEN.")
    int controlPort;

    // Engine knobs of 'serve'.
    @Option(names = "--max-num-seqs", defaultValue = "256", description = "Most requests running at once (default: ${DEFAULT-VALUE}).")
    int maxNumSeqs;

    @Option(names = "--max-num-batched-tokens", description = "Token budget per step (default: the engine's).")
    Integer maxNumBatchedTokens;

    @Option(names = "--block-size", defaultValue = "16", description = "Tokens per KV block (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--gpu-memory-utilization", defaultValue = "0.9", description = "Fraction of device memory for the engine (default: ${DEFAULT-VALUE}).")
    double gpuMemoryUtilization;

    @Option(names = "--enable-prefix-caching", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Reuse KV blocks of shared prefixes (default: on).")
    boolean enablePrefixCaching;

    @Option(names = "--enable-chunked-prefill", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Split long prompts over steps (default: on).")
    boolean enableChunkedPrefill;

    @Option(names = "--max-model-len", description = "Longest sequence (default: the model's).")
    Integer maxModelLen;

    @Option(names = "--scheduling-policy", defaultValue = "fcfs", description = "fcfs or priority (default: ${DEFAULT-VALUE}).")
    String schedulingPolicy;

    // Workload flags of 'bench'.
    @Option(names = {"--dataset", "--dataset-name"}, defaultValue = "random", description = "random, sharegpt or trace (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--dataset-path", description = "ShareGPT JSON, or trace CSV (arrived_at,num_prefill_tokens,num_decode_tokens).")
    Path datasetPath;

    @Option(names = "--random-input-len", defaultValue = "1024", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int randomInputLen;

    @Option(names = "--random-output-len", defaultValue = "128", description = "Output tokens (default: ${DEFAULT-VALUE}).")
    int randomOutputLen;

    @Option(names = "--random-range-ratio", defaultValue = "0.0", description = "Lengths vary by ± this fraction (default: ${DEFAULT-VALUE}).")
    double randomRangeRatio;

    @Option(names = "--sharegpt-output-len", description = "Fixed output length for ShareGPT.")
    Integer sharegptOutputLen;

    @Option(names = "--request-rate", defaultValue = "inf", description = "Requests per second, or inf (default: ${DEFAULT-VALUE}).")
    String requestRate;

    @Option(names = "--burstiness", defaultValue = "1.0", description = "Gamma shape of arrival gaps; 1 is Poisson (default: ${DEFAULT-VALUE}).")
    double burstiness;

    @Option(names = "--max-concurrency", description = "Most requests in flight (default: unlimited).")
    Integer maxConcurrency;

    @Option(names = "--num-prompts", defaultValue = "1000", description = "Requests to send (default: ${DEFAULT-VALUE}).")
    int numPrompts;

    @Option(names = "--goodput", arity = "1..*", description = "SLOs as KEY:MS with KEY in ttft, tpot, e2el.")
    List<String> goodput;

    @Option(names = "--percentile-metrics", defaultValue = "ttft,tpot,itl,e2el", description = "Metrics to print (default: ${DEFAULT-VALUE}).")
    String percentileMetrics;

    @Option(names = "--metric-percentiles", defaultValue = "99", description = "Percentiles to report (default: ${DEFAULT-VALUE}).")
    String metricPercentiles;

    @Override
    public Integer call() throws Exception {
        try {
            Scenario scenario = scenario(modelStore());
            scenario.validate();
            Path folder = out != null ? out : Path.of("runs", "emulate-" + System.currentTimeMillis());
            if (livePort < 0 || livePort > 65_535 || controlPort < 0 || controlPort > 65_535) {
                throw new ScenarioException("--live-port and --control-port must be port numbers from 1 to 65535");
            }
            new EmulatedRun(scenario, EngineInstallation.fromHome(), folder, traceMaxKernels)
                    .live(livePort, controlPort, null)
                    .run(System.out, System.err, process -> { });
            return 0;
        } catch (ScenarioException | StoreException e) {
            System.err.println("chronoscope emulate: " + e.getMessage());
            return 2;
        } catch (RunFailedException e) {
            System.err.println("chronoscope emulate: " + e.getMessage());
            return e.exitStatus();
        }
    }

    Scenario scenario(Path store) {
        double rate;
        try {
            rate = requestRate.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(requestRate);
        } catch (NumberFormatException e) {
            throw new ScenarioException("--request-rate must be a number or inf, got '" + requestRate + "'");
        }
        return new Scenario(model, gpu, tensorParallelSize, pipelineParallelSize, timeMode, processes, seed, store,
                new Scenario.EngineKnobs(maxNumSeqs, maxNumBatchedTokens, blockSize, gpuMemoryUtilization,
                        enablePrefixCaching, enableChunkedPrefill, maxModelLen, schedulingPolicy),
                new Scenario.Workload(dataset, datasetPath, randomInputLen, randomOutputLen, randomRangeRatio,
                        sharegptOutputLen, rate, burstiness, maxConcurrency, numPrompts, goodput, percentileMetrics,
                        metricPercentiles));
    }

    /** The store the agent reads: the one given (which must exist), or the user's, seeded on first use. */
    private Path modelStore() {
        if (models != null) {
            if (!Files.isRegularFile(models)) throw new ScenarioException("--models " + models + ": no such file");
            return models;
        }
        Path store = StoreLocation.defaultPath();
        try (ModelStore s = ModelStore.open(store)) {
            DefaultModels.load().seedIfEmpty(s);
        }
        return store;
    }
}
