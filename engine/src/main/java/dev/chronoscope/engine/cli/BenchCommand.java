package dev.chronoscope.engine.cli;

import dev.chronoscope.engine.bench.BenchRequest;
import dev.chronoscope.engine.bench.BenchmarkMetrics;
import dev.chronoscope.engine.bench.BenchmarkResult;
import dev.chronoscope.engine.bench.BenchmarkRunner;
import dev.chronoscope.engine.bench.Dataset;
import dev.chronoscope.engine.bench.GoodputSlo;
import dev.chronoscope.engine.bench.HttpRequestSender;
import dev.chronoscope.engine.bench.RandomDataset;
import dev.chronoscope.engine.bench.ResultPrinter;
import dev.chronoscope.engine.bench.ResultWriter;
import dev.chronoscope.engine.bench.ShareGptDataset;
import dev.chronoscope.engine.bench.TraceDataset;
import dev.chronoscope.engine.bench.WorkloadGenerator;
import dev.chronoscope.engine.core.ByteLevelTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code chronoscope bench}: load any OpenAI-compatible server the way {@code vllm bench serve} does, or, with
 * {@code --in-process}, an engine started in this JVM and driven through its in-process client.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark an OpenAI-compatible server (like 'vllm bench serve'),",
                "or with --in-process an engine started in this JVM (like 'vllm bench throughput')."})
public final class BenchCommand implements Callable<Integer> {
    private final ModelBackendFactory backends;
    private final PrintStream out;

    @Option(names = "--base-url", description = "Server root, e.g. http://127.0.0.1:8000.")
    URI baseUrl;

    @Option(names = "--in-process", description = "Start the engine in this JVM (--model is then a preset or config.json).")
    boolean inProcess;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--model", description = "Model name to request (default: the first one the server lists);"
            + " with --in-process, the preset or config.json to load.")
    String model;

    @Option(names = "--api-key", description = "Bearer key, when the server requires one.")
    String apiKey;

    @Option(names = {"--dataset", "--dataset-name"}, defaultValue = "random", description = "random, sharegpt or trace (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--dataset-path", description = "ShareGPT JSON file, or trace CSV (arrived_at,num_prefill_tokens,num_decode_tokens).")
    Path datasetPath;

    @Option(names = "--random-input-len", defaultValue = "1024", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int randomInputLen;

    @Option(names = "--random-output-len", defaultValue = "128", description = "Output tokens (default: ${DEFAULT-VALUE}).")
    int randomOutputLen;

    @Option(names = "--random-range-ratio", defaultValue = "0.0", description = "Lengths vary uniformly by ± this fraction (default: ${DEFAULT-VALUE}).")
    double randomRangeRatio;

    @Option(names = "--sharegpt-output-len", description = "Fixed output length for ShareGPT (default: the reply's length).")
    Integer sharegptOutputLen;

    @Option(names = "--request-rate", defaultValue = "inf", converter = RequestRateConverter.class,
            description = "Requests per second, or inf to send all at once (default: ${DEFAULT-VALUE}).")
    double requestRate;

    @Option(names = "--burstiness", defaultValue = "1.0", description = "Gamma shape of arrival gaps; 1 is Poisson (default: ${DEFAULT-VALUE}).")
    double burstiness;

    @Option(names = "--max-concurrency", description = "Most requests in flight (default: unlimited).")
    Integer maxConcurrency;

    @Option(names = "--num-prompts", defaultValue = "1000", description = "Requests to send (default: ${DEFAULT-VALUE}).")
    int numPrompts;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for prompts and arrivals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ignore-eos", description = "Ask the server to generate exactly max_tokens.")
    boolean ignoreEos;

    @Option(names = "--goodput", arity = "1..*", description = "SLOs as KEY:MS with KEY in ttft, tpot, e2el.")
    List<String> goodput;

    @Option(names = "--percentile-metrics", defaultValue = "ttft,tpot,itl,e2el", description = "Metrics to print (default: ${DEFAULT-VALUE}).")
    String percentileMetrics;

    @Option(names = "--metric-percentiles", defaultValue = "99", description = "Percentiles to report (default: ${DEFAULT-VALUE}).")
    String metricPercentiles;

    @Option(names = "--save-result", description = "Save the result as JSON.")
    boolean saveResult;

    @Option(names = "--result-filename", description = "Where --save-result writes (default: chronoscope-bench-<rate>qps-<time>.json).")
    Path resultFilename;

    public BenchCommand(ModelBackendFactory backends, PrintStream out) {
        this.backends = backends;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (inProcess == (baseUrl != null)) {
            throw new IllegalArgumentException("give either --base-url (a server) or --in-process (an engine in this JVM)");
        }
        GoodputSlo slo = goodput == null ? null : GoodputSlo.parse(goodput);
        List<String> metrics = Arrays.stream(percentileMetrics.split(",")).map(String::strip).toList();
        for (String m : metrics) {
            if (!BenchmarkMetrics.METRICS.contains(m)) {
                throw new IllegalArgumentException("--percentile-metrics: '" + m + "' is not one of "
                        + BenchmarkMetrics.METRICS);
            }
        }
        double[] percentiles = Arrays.stream(metricPercentiles.split(",")).map(String::strip)
                .mapToDouble(Double::parseDouble).toArray();
        Dataset source = dataset();
        if (source.hasArrivalTimes() && !Double.isInfinite(requestRate)) {
            out.println("Note: the trace's own arrival times are used; --request-rate is ignored.");
        }
        List<BenchRequest> requests = new WorkloadGenerator(source, requestRate,
                burstiness, seed).generate(numPrompts);

        if (inProcess) {
            if (model == null) {
                throw new IllegalArgumentException("--in-process needs --model (a preset or a config.json)");
            }
            try (InProcessEngine local = InProcessEngine.start(backends, engine, model)) {
                out.printf("Benchmarking %s in-process: %d requests, %s dataset, request rate %s%n", local.modelName(),
                        requests.size(), dataset, Double.isInfinite(requestRate) ? "inf" : requestRate);
                return report(new BenchmarkRunner(local.sender(ignoreEos), maxConcurrency).run(requests), slo,
                        percentiles, metrics, "in-process", local.modelName());
            }
        }
        HttpClient http = HttpRequestSender.defaultClient();
        String modelName = model != null ? model : HttpRequestSender.firstModel(http, baseUrl, apiKey);
        out.printf("Benchmarking %s at %s: %d requests, %s dataset, request rate %s%n", modelName, baseUrl,
                requests.size(), dataset, Double.isInfinite(requestRate) ? "inf" : requestRate);
        BenchmarkRunner runner = new BenchmarkRunner(new HttpRequestSender(http, baseUrl, modelName, apiKey,
                ignoreEos), maxConcurrency);
        return report(runner.run(requests), slo, percentiles, metrics, "openai", modelName);
    }

    private int report(BenchmarkRunner.Run run, GoodputSlo slo, double[] percentiles, List<String> metrics,
                       String backend, String modelName) throws IOException {
        BenchmarkResult result = BenchmarkMetrics.compute(run.outcomes(), run.durationSeconds(), slo, percentiles);
        new ResultPrinter(out).print(result, maxConcurrency, requestRate, metrics);
        if (result.failed() > 0) {
            run.outcomes().stream().filter(o -> !o.success()).findFirst().ifPresent(o -> out.println(
                    result.failed() + " requests failed; the first error: " + o.error()));
        }
        if (saveResult) {
            Path file = resultFilename != null ? resultFilename : Path.of("chronoscope-bench-"
                    + (Double.isInfinite(requestRate) ? "inf" : requestRate) + "qps-" + System.currentTimeMillis()
                    + ".json");
            ResultWriter.write(file, result, new ResultWriter.RunInfo(backend, modelName, numPrompts, requestRate,
                    burstiness, maxConcurrency, slo));
            out.println("Result saved to " + file);
        }
        return result.failed() == 0 ? 0 : 1;
    }

    private Dataset dataset() throws IOException {
        return switch (dataset) {
            case "random" -> new RandomDataset(randomInputLen, randomOutputLen, randomRangeRatio);
            case "sharegpt" -> ShareGptDataset.load(requirePath(), new ByteLevelTokenizer(), sharegptOutputLen);
            case "trace" -> TraceDataset.load(requirePath());
            default -> throw new IllegalArgumentException("--dataset must be random, sharegpt or trace, got '"
                    + dataset + "'");
        };
    }

    private Path requirePath() {
        if (datasetPath == null) {
            throw new IllegalArgumentException("--dataset " + dataset + " needs --dataset-path");
        }
        return datasetPath;
    }
}
