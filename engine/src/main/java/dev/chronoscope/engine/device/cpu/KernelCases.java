package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.FillSpec;
import dev.chronoscope.engine.device.KernelLaunch;
import dev.chronoscope.engine.kernels.CpuKernels;
import dev.chronoscope.engine.kernels.SeededFill;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.profiling.ProfileCase;
import dev.chronoscope.engine.profiling.RepeatTimer;
import dev.chronoscope.engine.profiling.SampleCsv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * Launches of the engine's CPU kernels at given shapes, with operands taken from a pool of
 * buffers that grows to the largest shape and is reused (the values are random and irrelevant to
 * the timing). The operand layouts are those {@link CpuKernels} documents.
 */
final class KernelCases {
    /** Operators timed per token count; attention has its own grids. */
    static final List<String> PER_TOKEN = List.of(EMB, INPUT_LAYERNORM, ATTN_PRE_PROJ, ATTN_ROPE, ATTN_KV_CACHE_SAVE,
            ATTN_POST_PROJ, POST_ATTENTION_LAYERNORM, MLP_UP_PROJ, MLP_ACT, MLP_DOWN_PROJ, ADD, LM_HEAD, SAMPLER);
    private static final int BLOCK = 16;

    private final CpuMemory memory = new CpuMemory(Long.MAX_VALUE);
    private final Map<String, DevicePtr> buffers = new HashMap<>();
    private final boolean cpuClock;

    /** @param cpuClock time kernels by the thread's CPU time rather than wall time */
    KernelCases(boolean cpuClock) {
        this.cpuClock = cpuClock;
    }

    /** A timed launch of {@code kernel}, one of {@link #PER_TOKEN}, over {@code n} tokens. */
    ProfileCase perToken(String kernel, ModelConfig c, int tp, int n) {
        Map<String, Long> shape = shape(c, tp, n);
        return new ProfileCase(kernel, SampleCsv.fromLaunchShape(shape), () -> timed(perTokenLaunch(kernel, c, tp, n, shape)));
    }

    /** Prefill attention: {@code batch} sequences, each {@code q} new tokens after {@code cached} cached ones. */
    ProfileCase prefill(ModelConfig c, int tp, int batch, int q, int cached) {
        return attention(ATTN_PREFILL, c, tp, batch, q, cached + q);
    }

    /** Decode attention: {@code batch} sequences of one new token over a context of {@code ctx} tokens. */
    ProfileCase decode(ModelConfig c, int tp, int batch, int ctx) {
        return attention(ATTN_DECODE, c, tp, batch, 1, ctx);
    }

    private ProfileCase attention(String kernel, ModelConfig c, int tp, int batch, int q, int ctx) {
        int blocksPerSeq = (ctx + BLOCK - 1) / BLOCK;
        Map<String, Long> s = shape(c, tp, batch * q);
        s.put(BATCH_SIZE, (long) batch);
        s.put(BLOCK_SIZE, (long) BLOCK);
        s.put(MAX_BLOCKS_PER_SEQ, (long) blocksPerSeq);
        s.put(SUM_KV, (long) batch * ctx);
        if (kernel.equals(ATTN_PREFILL)) s.put(SUM_Q_KV, (long) batch * q * ctx);
        return new ProfileCase(kernel, SampleCsv.fromLaunchShape(s), () -> timed(attentionLaunch(kernel, c, tp, batch, q, ctx, s)));
    }

    private RepeatTimer.Timed timed(KernelLaunch k) {
        Runnable run = () -> CpuKernels.run(k, memory);
        return cpuClock ? () -> RepeatTimer.cpuNanos(run) : () -> RepeatTimer.wallNanos(run);
    }

    private static Map<String, Long> shape(ModelConfig c, int tp, int n) {
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

    /** A buffer of at least {@code count} elements filled with small random values, reused across shapes. */
    private DevicePtr buffer(String name, DType dtype, long count) {
        DevicePtr p = buffers.get(name);
        if (p != null && p.count() >= count) return p;
        if (p != null) memory.release(p);
        p = memory.allocate(dtype, count);
        if (dtype.isFloatingPoint()) SeededFill.apply(new FillSpec.SeededUniform(name.hashCode(), 0.5f, 1, (int) count,
                (int) count, 0, 0, 0, 0, 1), memory.floats(p), 0, (int) count);
        buffers.put(name, p);
        return p;
    }

    /** An int32 buffer holding {@code values}. */
    private DevicePtr ints(String name, int[] values) {
        DevicePtr p = buffer(name, DType.I32, values.length);
        System.arraycopy(values, 0, memory.ints(p), 0, values.length);
        return p;
    }

    private KernelLaunch perTokenLaunch(String kernel, ModelConfig c, int tp, int n, Map<String, Long> s) {
        int h = c.hiddenSize(), hd = c.headDim();
        int qkv = (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) / tp * hd, kvWidth = c.numKeyValueHeads() / tp * hd;
        int inter = c.intermediateSize() / tp, vocab = c.vocabSize() / tp, q = c.numAttentionHeads() / tp * hd;
        int[] iota = new int[n];
        for (int i = 0; i < n; i++) iota[i] = i;
        Map<String, Double> eps = Map.of("eps", c.rmsNormEps());
        return switch (kernel) {
            case EMB -> {
                int[] ids = new int[n];
                for (int i = 0; i < n; i++) ids[i] = i % vocab;
                yield new KernelLaunch(EMB, s, Map.of("vocab_start", 0.0), List.of(ints("tokens", ids),
                        buffer("w_emb", DType.F32, (long) vocab * h), buffer("x", DType.F32, (long) n * h)));
            }
            case INPUT_LAYERNORM, POST_ATTENTION_LAYERNORM -> new KernelLaunch(kernel, s, eps, List.of(buffer("x", DType.F32, (long) n * h),
                    buffer("w_norm", DType.F32, h), buffer("y", DType.F32, (long) n * h)));
            case ATTN_PRE_PROJ -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("y", DType.F32, (long) n * h),
                    buffer("w_qkv", DType.F32, (long) h * qkv), buffer("qkv", DType.F32, (long) n * qkv)));
            case ATTN_ROPE -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("qkv", DType.F32, (long) n * qkv),
                    ints("positions", iota), buffer("cos_sin", DType.F32, (long) n * hd)));
            case ATTN_KV_CACHE_SAVE -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("qkv", DType.F32, (long) n * qkv),
                    ints("slots", iota), buffer("k_cache", DType.F32, (long) n * kvWidth), buffer("v_cache", DType.F32, (long) n * kvWidth)));
            case ATTN_POST_PROJ -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("attn", DType.F32, (long) n * q),
                    buffer("w_o", DType.F32, (long) q * h), buffer("y", DType.F32, (long) n * h)));
            case MLP_UP_PROJ -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("y", DType.F32, (long) n * h),
                    buffer("w_gate_up", DType.F32, (long) h * 2 * inter), buffer("gate_up", DType.F32, (long) n * 2 * inter)));
            case MLP_ACT -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("gate_up", DType.F32, (long) n * 2 * inter),
                    buffer("act", DType.F32, (long) n * inter)));
            case MLP_DOWN_PROJ -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("act", DType.F32, (long) n * inter),
                    buffer("w_down", DType.F32, (long) inter * h), buffer("y", DType.F32, (long) n * h)));
            case ADD -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("x", DType.F32, (long) n * h),
                    buffer("y", DType.F32, (long) n * h), buffer("x", DType.F32, (long) n * h)));
            case LM_HEAD -> new KernelLaunch(kernel, s, Map.of(), List.of(buffer("y", DType.F32, (long) n * h), ints("rows", iota),
                    buffer("w_lm", DType.F32, (long) h * vocab), buffer("logits", DType.F32, (long) n * vocab)));
            case SAMPLER -> {
                DevicePtr temps = buffer("temps", DType.F32, n), topP = buffer("top_p", DType.F32, n);
                Arrays.fill(memory.floats(temps), 0f);
                Arrays.fill(memory.floats(topP), 1f);
                // The sampler reads the logits of every TP shard (gathered): tp × n × vocab/tp.
                yield new KernelLaunch(kernel, s, Map.of(), List.of(buffer("logits", DType.F32, (long) n * c.vocabSize()), temps, topP,
                        ints("top_k", new int[n]), buffer("seeds", DType.I64, n), buffer("counters", DType.I64, n), buffer("sampled", DType.I32, n)));
            }
            default -> throw new IllegalArgumentException("'" + kernel + "' is not a per-token kernel; expected one of " + PER_TOKEN);
        };
    }

    private KernelLaunch attentionLaunch(String kernel, ModelConfig c, int tp, int batch, int q, int ctx, Map<String, Long> s) {
        int hd = c.headDim(), kvWidth = c.numKeyValueHeads() / tp * hd;
        int qkv = (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) / tp * hd;
        int blocksPerSeq = (ctx + BLOCK - 1) / BLOCK, n = batch * q;
        int[] starts = new int[batch], lens = new int[batch], contexts = new int[batch], tables = new int[batch * blocksPerSeq];
        for (int b = 0; b < batch; b++) {
            starts[b] = b * q;
            lens[b] = q;
            contexts[b] = ctx;
            for (int j = 0; j < blocksPerSeq; j++) tables[b * blocksPerSeq + j] = b * blocksPerSeq + j;
        }
        long cacheElems = (long) batch * blocksPerSeq * BLOCK * kvWidth;
        return new KernelLaunch(kernel, s, Map.of(), List.of(buffer("qkv", DType.F32, (long) n * qkv),
                buffer("k_cache", DType.F32, cacheElems), buffer("v_cache", DType.F32, cacheElems),
                ints("query_start", starts), ints("query_len", lens), ints("context_len", contexts), ints("block_tables", tables),
                buffer("attn", DType.F32, (long) n * c.numAttentionHeads() / tp * hd)));
    }
}
