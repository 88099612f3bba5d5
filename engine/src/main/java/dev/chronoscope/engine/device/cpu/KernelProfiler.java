package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.FillSpec;
import dev.chronoscope.engine.device.KernelLaunch;
import dev.chronoscope.engine.kernels.CpuKernels;
import dev.chronoscope.engine.kernels.SeededFill;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.ModelConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * Times each CPU kernel of a model over a grid of shapes, for calibrating the {@code cpu-local}
 * device: one CSV row per shape, {@code kernel,feature=value;...,duration_ns}, where the duration
 * is the median of the timed repetitions (after a warm-up) of the kernel alone.
 */
@Command(name = "kernel-profiler", mixinStandardHelpOptions = true, description = "Profile the engine's CPU kernels.")
public final class KernelProfiler implements Callable<Integer> {
    @Option(names = "--model", description = "preset or config.json (default: ${DEFAULT-VALUE})", defaultValue = "tiny")
    String model;
    @Option(names = "--tp", description = "tensor-parallel degree the shapes are split for (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int tp;
    @Option(names = "--reps", description = "timed repetitions per shape (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int reps;
    @Option(names = "--max-tokens", description = "largest num_tokens in the grid (default: ${DEFAULT-VALUE})", defaultValue = "512")
    int maxTokens;
    @Option(names = "--out", description = "CSV file to write (default: standard output)")
    Path out;

    private final CpuMemory memory = new CpuMemory(Long.MAX_VALUE);
    private final Map<String, DevicePtr> buffers = new HashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new KernelProfiler()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ModelConfig c = ModelConfigs.resolve(model);
        List<String> rows = new ArrayList<>();
        for (int n = 1; n <= maxTokens; n *= 2) {
            for (KernelLaunch k : perTokenKernels(c, n)) rows.add(time(k));
        }
        for (int q = Math.min(16, maxTokens); q <= maxTokens; q *= 2) rows.add(time(attention(c, ATTN_PREFILL, 1, q, q)));
        for (int batch : new int[]{1, 4, 16, 32}) {
            for (int ctx : new int[]{64, 256, 1024}) rows.add(time(attention(c, ATTN_DECODE, batch, 1, ctx)));
        }
        if (out == null) {
            rows.forEach(System.out::println);
        } else {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".tmp");
            try (PrintStream p = new PrintStream(Files.newOutputStream(tmp))) {
                rows.forEach(p::println);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return 0;
    }

    /** A buffer of at least {@code count} elements filled with small random values, reused across shapes. */
    private DevicePtr buffer(String name, DType dtype, long count) {
        DevicePtr p = buffers.get(name);
        if (p != null && p.count() >= count) return p;
        p = memory.allocate(dtype, count);
        if (dtype.isFloatingPoint()) SeededFill.apply(new FillSpec.SeededUniform(name.hashCode(), 0.5f, 1, (int) count,
                (int) count, 0, 0, 0, 0, 1), memory.floats(p), 0, (int) count);
        buffers.put(name, p);
        return p;
    }

    private Map<String, Long> shape(ModelConfig c, int n) {
        Map<String, Long> m = new HashMap<>();
        m.put(NUM_TOKENS, (long) n);
        m.put(N_EMBD, (long) c.hiddenSize());
        m.put(N_HEAD, (long) c.numAttentionHeads());
        m.put(N_KV_HEAD, (long) c.numKeyValueHeads());
        m.put(N_EXPANDED_EMBD, (long) c.intermediateSize());
        m.put(VOCAB_SIZE, (long) c.vocabSize());
        m.put(NUM_TP_WORKERS, (long) tp);
        return m;
    }

    private List<KernelLaunch> perTokenKernels(ModelConfig c, int n) {
        int h = c.hiddenSize(), hd = c.headDim(), qkv = (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) / tp * hd;
        int inter = c.intermediateSize() / tp, vocab = c.vocabSize() / tp, q = c.numAttentionHeads() / tp * hd;
        Map<String, Long> s = shape(c, n);
        DevicePtr tokens = buffer("tokens", DType.I32, n), positions = buffer("positions", DType.I32, n);
        DevicePtr rows = buffer("rows", DType.I32, n), slots = buffer("slots", DType.I32, n);
        int[] ids = memory.ints(tokens), pos = memory.ints(positions), rowIdx = memory.ints(rows), slot = memory.ints(slots);
        for (int i = 0; i < n; i++) {
            ids[i] = i % vocab;
            pos[i] = i;
            rowIdx[i] = i;
            slot[i] = i;
        }
        int kvWidth = c.numKeyValueHeads() / tp * hd;
        Map<String, Long> cacheShape = new HashMap<>(s);
        cacheShape.put(BLOCK_SIZE, 16L);
        DevicePtr x = buffer("x", DType.F32, (long) n * h), y = buffer("y", DType.F32, (long) n * h);
        DevicePtr qkvOut = buffer("qkv", DType.F32, (long) n * qkv), gu = buffer("gate_up", DType.F32, (long) n * 2 * inter);
        DevicePtr act = buffer("act", DType.F32, (long) n * inter), attn = buffer("attn", DType.F32, (long) n * q);
        DevicePtr logits = buffer("logits", DType.F32, (long) n * vocab);
        DevicePtr temps = buffer("temps", DType.F32, n), topP = buffer("top_p", DType.F32, n);
        Arrays.fill(memory.floats(temps), 0f);
        Arrays.fill(memory.floats(topP), 1f);
        Map<String, Double> eps = Map.of("eps", c.rmsNormEps());
        return List.of(
                new KernelLaunch(EMB, s, Map.of("vocab_start", 0.0), List.of(tokens, buffer("w_emb", DType.F32, (long) vocab * h), x)),
                new KernelLaunch(INPUT_LAYERNORM, s, eps, List.of(x, buffer("w_norm", DType.F32, h), y)),
                new KernelLaunch(ATTN_PRE_PROJ, s, Map.of(), List.of(y, buffer("w_qkv", DType.F32, (long) h * qkv), qkvOut)),
                new KernelLaunch(ATTN_ROPE, s, Map.of(), List.of(qkvOut, positions, buffer("cos_sin", DType.F32, (long) maxTokens * hd))),
                new KernelLaunch(ATTN_KV_CACHE_SAVE, cacheShape, Map.of(), List.of(qkvOut, slots,
                        buffer("k_save", DType.F32, (long) n * kvWidth), buffer("v_save", DType.F32, (long) n * kvWidth))),
                new KernelLaunch(ATTN_POST_PROJ, s, Map.of(), List.of(attn, buffer("w_o", DType.F32, (long) q * h), y)),
                new KernelLaunch(POST_ATTENTION_LAYERNORM, s, eps, List.of(x, buffer("w_norm", DType.F32, h), y)),
                new KernelLaunch(MLP_UP_PROJ, s, Map.of(), List.of(y, buffer("w_gate_up", DType.F32, (long) h * 2 * inter), gu)),
                new KernelLaunch(MLP_ACT, s, Map.of(), List.of(gu, act)),
                new KernelLaunch(MLP_DOWN_PROJ, s, Map.of(), List.of(act, buffer("w_down", DType.F32, (long) inter * h), y)),
                new KernelLaunch(ADD, s, Map.of(), List.of(x, y, x)),
                new KernelLaunch(LM_HEAD, s, Map.of(), List.of(y, rows, buffer("w_lm", DType.F32, (long) h * vocab), logits)),
                new KernelLaunch(SAMPLER, s, Map.of(), List.of(logits, temps, topP, buffer("top_k", DType.I32, n),
                        buffer("seeds", DType.I64, n), buffer("counters", DType.I64, n), buffer("sampled", DType.I32, n))));
    }

    /** Attention for {@code batch} sequences of {@code q} queries over {@code ctx} cached tokens each. */
    private KernelLaunch attention(ModelConfig c, String kernel, int batch, int q, int ctx) {
        int hd = c.headDim(), blockSize = 16, kvWidth = c.numKeyValueHeads() / tp * hd;
        int qkv = (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) / tp * hd;
        int blocksPerSeq = (ctx + blockSize - 1) / blockSize, n = batch * q;
        DevicePtr k = buffer("k_cache", DType.F32, (long) batch * blocksPerSeq * blockSize * kvWidth);
        DevicePtr v = buffer("v_cache", DType.F32, (long) batch * blocksPerSeq * blockSize * kvWidth);
        DevicePtr qs = memory.allocate(DType.I32, batch), ql = memory.allocate(DType.I32, batch);
        DevicePtr cl = memory.allocate(DType.I32, batch), tables = memory.allocate(DType.I32, (long) batch * blocksPerSeq);
        for (int b = 0; b < batch; b++) {
            memory.ints(qs)[b] = b * q;
            memory.ints(ql)[b] = q;
            memory.ints(cl)[b] = ctx;
            for (int j = 0; j < blocksPerSeq; j++) memory.ints(tables)[b * blocksPerSeq + j] = b * blocksPerSeq + j;
        }
        Map<String, Long> s = shape(c, n);
        s.put(BATCH_SIZE, (long) batch);
        s.put(BLOCK_SIZE, (long) blockSize);
        s.put(MAX_BLOCKS_PER_SEQ, (long) blocksPerSeq);
        if (kernel.equals(ATTN_PREFILL)) s.put(SUM_Q_KV, (long) batch * q * ctx);
        else s.put(SUM_KV, (long) batch * ctx);
        return new KernelLaunch(kernel, s, Map.of(), List.of(buffer("qkv_attn", DType.F32, (long) n * qkv), k, v, qs, ql, cl,
                tables, buffer("attn_out", DType.F32, (long) n * c.numAttentionHeads() / tp * hd)));
    }

    private String time(KernelLaunch k) {
        // warm up until the JIT has had a chance at this shape: at least one run, up to 20 or 20 ms
        long warmStart = System.nanoTime();
        for (int i = 0; i < 20 && (i == 0 || System.nanoTime() - warmStart < 20_000_000); i++) CpuKernels.run(k, memory);
        long[] samples = new long[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            CpuKernels.run(k, memory);
            samples[r] = System.nanoTime() - t0;
        }
        Arrays.sort(samples);
        StringBuilder features = new StringBuilder();
        for (var e : new TreeMap<>(k.shape()).entrySet()) {
            if (!features.isEmpty()) features.append(';');
            features.append(e.getKey()).append('=').append(e.getValue());
        }
        return k.kernel() + "," + features + "," + samples[reps / 2];
    }
}
