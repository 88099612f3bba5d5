package dev.chronoscope.engine.profiling;

import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.core.EngineCore;
import dev.chronoscope.engine.core.RequestOutput;
import dev.chronoscope.engine.core.RequestStream;
import dev.chronoscope.engine.core.request.GenerationParams;
import dev.chronoscope.engine.device.Devices;
import dev.chronoscope.engine.executor.ExecutorOptions;
import dev.chronoscope.engine.executor.ModelExecutors;
import dev.chronoscope.engine.executor.ParallelExecutor;
import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.ModelConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Profiles the CPU device in situ: serves groups of requests with the engine itself (its scheduler,
 * its in-process executor with rank host threads, its device workers), as {@code bench --in-process}
 * does, and records every kernel and collective as it ran there, the device's hand-off latencies and
 * the host part of each engine step ({@link ServingActivity}). An isolated microbenchmark repeats one
 * kernel on warm caches; in a served step each kernel finds the caches as the kernels before it left
 * them, shares the cores with the engine's threads, and at TP 2 waits for the other rank in every
 * collective. Writes the project's sample CSV to standard output, framed as {@link ProfileRunner}
 * frames it.
 */
@Command(name = "serving-profiler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Profile the CPU device in situ, serving requests with the engine, into a sample CSV.")
public final class ServingProfiler implements Callable<Integer> {
    @Option(names = "--model", description = "preset or config.json served (default: ${DEFAULT-VALUE})", defaultValue = "tiny")
    String model;
    @Option(names = "--tp", split = ",", description = "tensor-parallel degrees, ranks as threads (default: ${DEFAULT-VALUE})", defaultValue = "1")
    List<Integer> tps;
    @Option(names = "--per-rank-tp", split = ",", description = "tensor-parallel degrees also served with a process per rank "
            + "(the mp backend), for the host step that deployment adds (default: none)")
    List<Integer> perRankTps = new ArrayList<>();
    @Option(names = "--prompt-lengths", split = ",", description = "prompt tokens of each group's requests (default: ${DEFAULT-VALUE})",
            defaultValue = "16,64,128,256,512")
    List<Integer> promptLengths;
    @Option(names = "--concurrency", split = ",", description = "requests sent together in a group (default: ${DEFAULT-VALUE})",
            defaultValue = "1,2,4,16")
    List<Integer> concurrency;
    @Option(names = "--output-len", description = "tokens generated per request (default: ${DEFAULT-VALUE})", defaultValue = "32")
    int outputLen;
    @Option(names = "--max-num-seqs", description = "the engine's max-num-seqs (default: ${DEFAULT-VALUE})", defaultValue = "16")
    int maxNumSeqs;
    @Option(names = "--warmup-rounds", description = "rounds over every group before recording, for the JIT (default: ${DEFAULT-VALUE})",
            defaultValue = "2")
    int warmupRounds;
    @Option(names = "--rounds", description = "recorded rounds over every group (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int rounds;
    @Option(names = "--idle-ms", description = "pause between groups, as between requests at a low rate (default: ${DEFAULT-VALUE})",
            defaultValue = "30")
    int idleMs;
    @Option(names = "--seed", description = "seed of the prompts (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;
    @Option(names = "--source", description = "value of the source column (default: ${DEFAULT-VALUE})", defaultValue = "serving-profiler")
    String source;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingProfiler())
                .setExecutionExceptionHandler((e, cmd, parsed) -> ProfileRunner.usageError(cmd, "serving-profiler", e))
                .execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        positive("--tp", tps);
        positive("--per-rank-tp", perRankTps);
        for (int tp : perRankTps) {
            if (!tps.contains(tp)) throw new IllegalArgumentException("--per-rank-tp: " + tp + " is derived from the same TP served with "
                    + "ranks as threads, so --tp must list it too");
        }
        positive("--prompt-lengths", promptLengths);
        positive("--concurrency", concurrency);
        if (outputLen < 2 || rounds < 1 || warmupRounds < 0 || idleMs < 0) {
            throw new IllegalArgumentException("--output-len must be ≥ 2, --rounds ≥ 1, --warmup-rounds and --idle-ms ≥ 0");
        }
        ModelConfig config = ModelConfigs.resolve(model);
        ServingActivity activity = new ServingActivity();
        Devices.recordActivity(activity);
        try {
            for (int tp : tps) serve(config, tp, false, activity);
            for (int tp : perRankTps) serve(config, tp, true, activity);
        } finally {
            Devices.recordActivity(null);
        }
        List<String> rows = activity.rows(source);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println("# plan: " + rows.size() + " rows, in situ: " + model + " served at TP " + tps + ", prompts " + promptLengths
                + " × concurrency " + concurrency + (perRankTps.isEmpty() ? "" : ", a process per rank at TP " + perRankTps) + ", " + Runtime.getRuntime().availableProcessors() + " processors");
        out.println(SampleCsv.header());
        rows.forEach(out::println);
        out.println("# end: " + rows.size() + " rows");
        out.flush();
        return 0;
    }

    private void serve(ModelConfig config, int tp, boolean perRank, ServingActivity activity) throws InterruptedException {
        ParallelExecutor executor = ModelExecutors.create(config, ExecutorOptions.defaults().withParallelism(tp, 1).withSeed(seed)
                .withBackend(perRank ? ExecutorOptions.MP : ExecutorOptions.INPROC));
        try (EngineCore core = EngineCore.start(executor, EngineConfig.defaults().withMaxNumSeqs(maxNumSeqs))) {
            core.addListener(activity);
            Random prompts = new Random(seed);
            int id = 0;
            for (int round = 0; round < warmupRounds + rounds; round++) {
                boolean recorded = round >= warmupRounds;
                for (int length : promptLengths) {
                    for (int n : concurrency) {
                        Thread.sleep(idleMs);
                        if (recorded) activity.start(n, tp, perRank);
                        List<RequestStream> group = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            group.add(core.submit("tp" + tp + (perRank ? "-mp-" : "-") + id++, randomPrompt(prompts, length, config.vocabSize()),
                                    new GenerationParams(outputLen, 0, true, -1, 0, SamplingParams.GREEDY)));
                        }
                        for (RequestStream s : group) drain(s);
                        if (recorded) activity.stop();
                    }
                }
            }
        } finally {
            executor.close();
        }
    }

    private static void positive(String option, List<Integer> values) {
        for (int v : values) if (v < 1) throw new IllegalArgumentException(option + ": expected counts ≥ 1, got " + v);
    }

    /** Distinct random tokens, so that no prompt hits the prefix cache of another. */
    private static int[] randomPrompt(Random random, int length, int vocab) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) tokens[i] = random.nextInt(vocab);
        return tokens;
    }

    private static void drain(RequestStream stream) throws InterruptedException {
        RequestOutput o;
        do {
            o = stream.take();
            if (o.error() != null) throw new IllegalStateException("request " + stream.requestId() + " failed: " + o.error());
        } while (!o.finished());
    }
}
