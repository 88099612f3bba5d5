package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.kernels.Simd;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.ModelConfigs;
import dev.chronoscope.engine.profiling.ProfileCase;
import dev.chronoscope.engine.profiling.ProfileOptions;
import dev.chronoscope.engine.profiling.ProfileRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * Times the engine's CPU kernels (every operator of DESIGN §8) over a grid of shapes, for
 * calibrating the {@code cpu-local} device, into the project's sample CSV
 * ({@link ProfileRunner} describes the stream). Collectives have their own main,
 * {@code engine.profiling.CollectiveProfiler}.
 */
@Command(name = "kernel-profiler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Profile the engine's CPU kernels into a sample CSV.")
public final class KernelProfiler implements Callable<Integer> {
    @Option(names = "--model", description = "preset or config.json whose shapes are profiled (default: ${DEFAULT-VALUE})", defaultValue = "tiny")
    String model;
    @Option(names = "--widths", split = ",", paramLabel = "H", description = "hidden sizes to profile: variants of the model with "
            + "its head size, and heads, KV heads, intermediate and vocabulary sizes scaled alike (default: the model's own)")
    List<Integer> widths = new ArrayList<>();
    @Option(names = "--tp", split = ",", description = "tensor-parallel degrees the shapes are split for (default: 1)")
    List<Integer> tps = new ArrayList<>(List.of(1));
    @Option(names = "--ops", split = ",", description = "kernels to profile (default: every operator of DESIGN §8)")
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
    @Option(names = "--clock", description = "what a kernel's duration is: 'cpu' (the thread's CPU time, steady on a busy machine) "
            + "or 'wall' (default: ${DEFAULT-VALUE})", defaultValue = "cpu")
    String clock;
    @Mixin ProfileOptions options;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KernelProfiler())
                .setExecutionExceptionHandler((e, cmd, parsed) -> ProfileRunner.usageError(cmd, "kernel-profiler", e))
                .execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ProfileRunner.run(plan(), options, clock + " clock, vector API " + (Simd.vectorised() ? "on" : "off")
                + ", " + Runtime.getRuntime().availableProcessors() + " processors");
        return 0;
    }

    /** Every (kernel, shape) asked for, validated up front, in grid order. */
    List<ProfileCase> plan() {
        Set<String> wanted = new LinkedHashSet<>(ops.isEmpty() ? OPERATORS : ops);
        for (String k : wanted) if (!OPERATORS.contains(k)) throw bad("--ops: unknown kernel '" + k + "'; expected some of " + OPERATORS);
        positive("--tokens", tokens);
        positive("--prefill-batches", prefillBatches);
        positive("--prefill-lengths", prefillLengths);
        positive("--decode-batches", decodeBatches);
        positive("--decode-contexts", decodeContexts);
        for (int c : prefillCached) if (c < 0) throw bad("--prefill-cached: expected counts ≥ 0, got " + c);
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
        return plan;
    }

    private List<ModelConfig> variants() {
        ModelConfig base = ModelConfigs.resolve(model);
        if (widths.isEmpty()) return List.of(base);
        // Model families grow by adding heads of a fixed size (Llama: 128 from 7B to 70B), so the head size stays.
        int groups = base.numAttentionHeads() / base.numKeyValueHeads();
        int unit = base.headDim() * groups;
        List<ModelConfig> out = new ArrayList<>();
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

    private static void checkSplit(ModelConfig c, int tp) {
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
