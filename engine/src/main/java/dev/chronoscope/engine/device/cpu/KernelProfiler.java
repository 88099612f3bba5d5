package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.kernels.Simd;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.ModelConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * Times the engine's CPU kernels and in-process collectives over a grid of shapes, for calibrating
 * the {@code cpu-local} device. Writes the project's sample CSV ({@link SampleCsv}), one row per
 * shape with the median duration, flushed as each row is measured. On standard output the CSV is
 * framed by two comment lines, {@code # plan: N rows …} first and {@code # end: N rows} last, so a
 * reader can show progress and tell a finished profile from one cut short. Shapes run in a
 * seeded random order: slow drift of a shared machine then spreads over all shapes instead of
 * biasing the large ones, and the running time per row estimates the time left.
 */
@Command(name = "kernel-profiler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Profile the engine's CPU kernels and in-process collectives into a sample CSV.")
public final class KernelProfiler implements Callable<Integer> {
    private static final long WARM_UP_PER_KERNEL_NANOS = 30_000_000;
    @Option(names = "--model", description = "preset or config.json whose shapes are profiled (default: ${DEFAULT-VALUE})", defaultValue = "tiny")
    String model;
    @Option(names = "--widths", split = ",", paramLabel = "H", description = "hidden sizes to profile: variants of the model with "
            + "its head size, and heads, KV heads, intermediate and vocabulary sizes scaled alike (default: the model's own)")
    List<Integer> widths = new ArrayList<>();
    @Option(names = "--tp", split = ",", description = "tensor-parallel degrees the shapes are split for (default: 1)")
    List<Integer> tps = new ArrayList<>(List.of(1));
    @Option(names = "--ops", split = ",", description = "kernels to profile (default: all of DESIGN §8)")
    List<String> ops = new ArrayList<>();
    @Option(names = "--tokens", split = ",", description = "token counts for the per-token kernels (default: powers of 2 from 1 to 4096)")
    List<Integer> tokens = new ArrayList<>(powersOfTwo(1, 4096));
    @Option(names = "--prefill-batches", split = ",", description = "sequences per prefill (default: ${DEFAULT-VALUE})", defaultValue = "1,4")
    List<Integer> prefillBatches;
    @Option(names = "--prefill-lengths", split = ",", description = "new tokens per prefill sequence (default: ${DEFAULT-VALUE})", defaultValue = "16,64,256,1024")
    List<Integer> prefillLengths;
    @Option(names = "--prefill-cached", split = ",", description = "cached tokens before each prefill chunk (default: ${DEFAULT-VALUE})", defaultValue = "0,512")
    List<Integer> prefillCached;
    @Option(names = "--decode-batches", split = ",", description = "sequences per decode (default: ${DEFAULT-VALUE})", defaultValue = "1,4,16,64")
    List<Integer> decodeBatches;
    @Option(names = "--decode-contexts", split = ",", description = "context length of each decoding sequence (default: ${DEFAULT-VALUE})", defaultValue = "16,128,1024,4096")
    List<Integer> decodeContexts;
    @Option(names = "--collective-bytes", split = ",", description = "message sizes per rank in bytes (default: ${DEFAULT-VALUE})",
            defaultValue = "4096,65536,1048576,16777216")
    List<Long> collectiveBytes;
    @Option(names = "--collective-ranks", split = ",", description = "ranks of all_reduce and all_gather (send_recv is always 2) (default: ${DEFAULT-VALUE})",
            defaultValue = "2,4")
    List<Integer> collectiveRanks;
    @Option(names = "--min-reps", description = "timed runs per shape at least (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int minReps;
    @Option(names = "--max-reps", description = "timed runs per shape at most (default: ${DEFAULT-VALUE})", defaultValue = "25")
    int maxReps;
    @Option(names = "--budget-ms", description = "time one shape for about this long once --min-reps are done (default: ${DEFAULT-VALUE})", defaultValue = "40")
    double budgetMs;
    @Option(names = "--warmup-ms", description = "warm-up time per shape (at least one run) (default: ${DEFAULT-VALUE})", defaultValue = "10")
    double warmupMs;
    @Option(names = "--clock", description = "what a kernel's duration is: 'cpu' (the thread's CPU time, steady on a busy machine) "
            + "or 'wall'; collectives, which wait on other ranks, always use wall time (default: ${DEFAULT-VALUE})", defaultValue = "cpu")
    String clock;
    @Option(names = "--seed", description = "seed of the shape order (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;
    @Option(names = "--source", description = "value of the source column (default: ${DEFAULT-VALUE})", defaultValue = "kernel-profiler")
    String source;
    @Option(names = "--out", description = "sample CSV to write (atomically, at the end) instead of streaming to standard output")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KernelProfiler())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (!(e instanceof IllegalArgumentException)) throw e;
                    cmd.getErr().println("kernel-profiler: " + e.getMessage());
                    return 2;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<ProfileCase> plan = plan();
        RepeatTimer timer = new RepeatTimer((long) (warmupMs * 1e6), minReps, maxReps, (long) (budgetMs * 1e6));
        if (out == null) {
            PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            stdout.println("# plan: " + plan.size() + " rows, " + clock + " clock, vector API " + (Simd.vectorised() ? "on" : "off")
                    + ", " + Runtime.getRuntime().availableProcessors() + " processors");
            run(plan, timer, stdout);
            stdout.println("# end: " + plan.size() + " rows");
            stdout.flush();
            return 0;
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
        try (PrintStream p = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
            run(plan, timer, p);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }

    private void run(List<ProfileCase> plan, RepeatTimer timer, PrintStream sink) {
        warmUp(plan);
        sink.println(SampleCsv.header());
        for (ProfileCase c : plan) {
            long nanos = timer.medianNanos(c.work().get());
            sink.println(SampleCsv.row(c.kernel(), nanos, source, c.features()));
            sink.flush();
        }
    }

    /**
     * Runs the smallest shape of every kernel for a while before anything is timed, so the JIT has
     * compiled the shared inner loops and the first shapes of the shuffled plan are not measured
     * in the interpreter.
     */
    private void warmUp(List<ProfileCase> plan) {
        Map<String, ProfileCase> smallest = new TreeMap<>();
        for (ProfileCase c : plan) smallest.merge(c.kernel(), c, (a, b) -> weight(b) < weight(a) ? b : a);
        RepeatTimer warm = new RepeatTimer(WARM_UP_PER_KERNEL_NANOS, 1, 1, 0);
        for (ProfileCase c : smallest.values()) warm.medianNanos(c.work().get());
    }

    private static long weight(ProfileCase c) {
        return c.features().values().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * Math.max(1, b));
    }

    /** Every (kernel, shape) asked for, validated up front, in seeded random order. */
    List<ProfileCase> plan() {
        Set<String> wanted = new LinkedHashSet<>(ops.isEmpty() ? allKernels() : ops);
        for (String k : wanted) {
            if (!allKernels().contains(k)) throw bad("--ops: unknown kernel '" + k + "'; expected some of " + allKernels());
        }
        positive("--tokens", tokens);
        positive("--prefill-batches", prefillBatches);
        positive("--prefill-lengths", prefillLengths);
        positive("--decode-batches", decodeBatches);
        positive("--decode-contexts", decodeContexts);
        positive("--collective-ranks", collectiveRanks);
        for (int c : prefillCached) if (c < 0) throw bad("--prefill-cached: expected counts ≥ 0, got " + c);
        for (long b : collectiveBytes) if (b < Float.BYTES || b > (long) Integer.MAX_VALUE) throw bad("--collective-bytes: expected 4 to 2^31 bytes, got " + b);
        if (!clock.equals("cpu") && !clock.equals("wall")) throw bad("--clock: expected cpu or wall, got '" + clock + "'");
        KernelCases kernels = new KernelCases(clock.equals("cpu"));
        List<ProfileCase> plan = new ArrayList<>();
        for (ModelConfig c : variants()) {
            for (int tp : tps) {
                checkSplit(c, tp);
                for (String k : KernelCases.PER_TOKEN) if (wanted.contains(k)) for (int n : tokens) plan.add(kernels.perToken(k, c, tp, n));
                if (wanted.contains(ATTN_PREFILL)) {
                    for (int b : prefillBatches) for (int q : prefillLengths) for (int cached : prefillCached) plan.add(kernels.prefill(c, tp, b, q, cached));
                }
                if (wanted.contains(ATTN_DECODE)) {
                    for (int b : decodeBatches) for (int ctx : decodeContexts) plan.add(kernels.decode(c, tp, b, ctx));
                }
            }
        }
        for (String k : List.of(ALL_REDUCE, ALL_GATHER)) {
            if (wanted.contains(k)) for (int r : collectiveRanks) for (long b : collectiveBytes) plan.add(CollectiveCases.of(k, b, r));
        }
        if (wanted.contains(SEND_RECV)) for (long b : collectiveBytes) plan.add(CollectiveCases.of(SEND_RECV, b, 2));
        Collections.shuffle(plan, new Random(seed));
        return plan;
    }

    static List<String> allKernels() {
        List<String> all = new ArrayList<>(OPERATORS);
        all.addAll(List.of(ALL_REDUCE, ALL_GATHER, SEND_RECV));
        return all;
    }

    private List<ModelConfig> variants() {
        ModelConfig base = ModelConfigs.resolve(model);
        if (widths.isEmpty()) return List.of(base);
        List<ModelConfig> out = new ArrayList<>();
        // Model families grow by adding heads of a fixed size (Llama: 128 from 7B to 70B), so the head size stays.
        int groups = base.numAttentionHeads() / base.numKeyValueHeads();
        int unit = base.headDim() * groups;
        for (int h : widths) {
            if (h <= 0 || h % unit != 0) {
                throw bad("--widths: " + h + " is not a positive multiple of " + unit + " (head size " + base.headDim() + " × "
                        + groups + " query heads per KV head of " + base.name() + ")");
            }
            int heads = h / base.headDim();
            int inter = (int) Math.round((double) base.intermediateSize() * h / base.hiddenSize() / 8) * 8;
            int vocab = (int) Math.round((double) base.vocabSize() * h / base.hiddenSize() / 8) * 8;
            out.add(new ModelConfig(base.name() + "-h" + h, h, base.numHiddenLayers(), heads, heads / groups,
                    inter, vocab, base.maxPositionEmbeddings(), base.ropeTheta(), base.rmsNormEps(), base.tieWordEmbeddings(), base.torchDtype()));
        }
        return out;
    }

    private void checkSplit(ModelConfig c, int tp) {
        if (tp < 1 || c.numAttentionHeads() % tp != 0 || c.numKeyValueHeads() % tp != 0 || c.intermediateSize() % tp != 0 || c.vocabSize() % tp != 0) {
            throw bad("--tp: " + c.name() + " (" + c.numAttentionHeads() + " heads, " + c.numKeyValueHeads() + " KV heads, intermediate "
                    + c.intermediateSize() + ", vocabulary " + c.vocabSize() + ") does not split " + tp + " ways");
        }
    }

    private static void positive(String option, List<Integer> values) {
        for (int v : values) if (v < 1) throw bad(option + ": expected counts ≥ 1, got " + v);
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }

    private static List<Integer> powersOfTwo(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int n = from; n <= to; n *= 2) out.add(n);
        return out;
    }
}
