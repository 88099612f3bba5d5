package dev.chronoscope.engine.kernels;

import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.KernelLaunch;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * Runs a §8 operator on the CPU. Operand orders (F = float tensor, I = int32, L = int64):
 * <ul>
 * <li>emb: I tokens[N], F table[Vlocal×H], F out[N×H]; attrs vocab_start (rows outside the shard give 0)</li>
 * <li>input_layernorm, post_attention_layernorm: F x[N×H], F weight[H], F out[N×H]; attrs eps</li>
 * <li>attn_pre_proj: F x[N×H], F wT[H×QKV], F out[N×QKV], optional F bias[QKV]</li>
 * <li>attn_rope: F qkv[N×QKV] (in place on q and k), I positions[N], F cosSin[maxPositions×headDim] ({@code RopeScaling.cosSinTable})</li>
 * <li>attn_kv_cache_save: F qkv, I slotMapping[N] (negative = skip), F kCache, F vCache</li>
 * <li>attn_prefill, attn_decode: F qkv, F kCache, F vCache, I queryStart[B], I queryLen[B], I contextLen[B],
 *     I blockTables[B×max_blocks_per_seq], F out[N×Qlocal]</li>
 * <li>attn_post_proj, mlp_down_proj: F x, F wT, F out[N×H]; mlp_up_proj: F x[N×H], F wT[H×2I], F out (gate | up)</li>
 * <li>mlp_act: F gateUp[N×2I], F out[N×I] (SiLU(gate)·up); add: F a, F b, F out</li>
 * <li>lm_head: F hidden[N×H], I rows[S], F wT[H×Vlocal], F out[S×Vlocal]</li>
 * <li>sampler: F logits[tp×S×Vlocal], F temperature[S], F topP[S], I topK[S], L seed[S], L counter[S], I out[S]</li>
 * </ul>
 * Local sizes follow from the shape arguments divided by {@code num_tensor_parallel_workers}.
 */
public final class CpuKernels {
    private CpuKernels() {}

    public static void run(KernelLaunch k, DeviceMemoryView mem) {
        switch (k.kernel()) {
            case EMB -> embedding(k, mem);
            case INPUT_LAYERNORM, POST_ATTENTION_LAYERNORM -> {
                int n = k.intShape(NUM_TOKENS), h = k.intShape(N_EMBD);
                DevicePtr x = k.operand(0), w = k.operand(1), out = k.operand(2);
                RmsNorm.apply(mem.floats(x), off(x), mem.floats(w), off(w), mem.floats(out), off(out), n, h, k.attr("eps"));
            }
            case ATTN_PRE_PROJ -> {
                int n = k.intShape(NUM_TOKENS), h = k.intShape(N_EMBD);
                int qkv = qkvWidth(k);
                linear(k, mem, n, h, qkv);
                if (k.operands().size() > 3) addBias(mem, k.operand(2), k.operand(3), n, qkv);
            }
            case ATTN_ROPE -> {
                int n = k.intShape(NUM_TOKENS), hd = headDim(k);
                DevicePtr qkv = k.operand(0), pos = k.operand(1), freq = k.operand(2);
                int heads = localHeads(k) + localKvHeads(k);
                Rope.apply(mem.floats(qkv), off(qkv), qkvWidth(k), n, heads, hd, mem.ints(pos), off(pos), mem.floats(freq), off(freq));
            }
            case ATTN_KV_CACHE_SAVE -> kvCacheSave(k, mem);
            case ATTN_PREFILL, ATTN_DECODE -> attention(k, mem);
            case ATTN_POST_PROJ -> linear(k, mem, k.intShape(NUM_TOKENS), localHeads(k) * headDim(k), k.intShape(N_EMBD));
            case MLP_UP_PROJ -> linear(k, mem, k.intShape(NUM_TOKENS), k.intShape(N_EMBD), 2 * localIntermediate(k));
            case MLP_DOWN_PROJ -> linear(k, mem, k.intShape(NUM_TOKENS), localIntermediate(k), k.intShape(N_EMBD));
            case MLP_ACT -> siluMul(k, mem);
            case ADD -> {
                int len = k.intShape(NUM_TOKENS) * k.intShape(N_EMBD);
                DevicePtr a = k.operand(0), b = k.operand(1), out = k.operand(2);
                float[] fa = mem.floats(a), fb = mem.floats(b), fo = mem.floats(out);
                int oa = off(a), ob = off(b), oo = off(out);
                for (int i = 0; i < len; i++) fo[oo + i] = fa[oa + i] + fb[ob + i];
            }
            case LM_HEAD -> lmHead(k, mem);
            case SAMPLER -> sampler(k, mem);
            default -> throw new IllegalArgumentException("unknown kernel '" + k.kernel() + "'");
        }
    }

    private static int off(DevicePtr p) { return Math.toIntExact(p.offset()); }

    private static int tp(KernelLaunch k) { return k.intShape(NUM_TP_WORKERS); }

    private static int headDim(KernelLaunch k) { return k.intShape(N_EMBD) / k.intShape(N_HEAD); }

    private static int localHeads(KernelLaunch k) { return k.intShape(N_HEAD) / tp(k); }

    private static int localKvHeads(KernelLaunch k) { return k.intShape(N_KV_HEAD) / tp(k); }

    private static int localIntermediate(KernelLaunch k) { return k.intShape(N_EXPANDED_EMBD) / tp(k); }

    private static int qkvWidth(KernelLaunch k) { return (localHeads(k) + 2 * localKvHeads(k)) * headDim(k); }

    private static void linear(KernelLaunch k, DeviceMemoryView mem, int rows, int in, int out) {
        DevicePtr x = k.operand(0), w = k.operand(1), o = k.operand(2);
        Linear.matmul(mem.floats(x), off(x), mem.floats(w), off(w), mem.floats(o), off(o), rows, in, out);
    }

    private static void addBias(DeviceMemoryView mem, DevicePtr out, DevicePtr bias, int rows, int width) {
        float[] o = mem.floats(out), b = mem.floats(bias);
        int oo = off(out), bo = off(bias);
        for (int r = 0; r < rows; r++) for (int c = 0; c < width; c++) o[oo + r * width + c] += b[bo + c];
    }

    private static void embedding(KernelLaunch k, DeviceMemoryView mem) {
        int n = k.intShape(NUM_TOKENS), h = k.intShape(N_EMBD);
        int vocabLocal = k.intShape(VOCAB_SIZE) / tp(k);
        int start = (int) k.attr("vocab_start");
        DevicePtr tok = k.operand(0), table = k.operand(1), out = k.operand(2);
        int[] ids = mem.ints(tok);
        float[] t = mem.floats(table), o = mem.floats(out);
        for (int i = 0; i < n; i++) {
            int local = ids[off(tok) + i] - start;
            int dst = off(out) + i * h;
            if (local >= 0 && local < vocabLocal) System.arraycopy(t, off(table) + local * h, o, dst, h);
            else java.util.Arrays.fill(o, dst, dst + h, 0f);
        }
    }

    private static void kvCacheSave(KernelLaunch k, DeviceMemoryView mem) {
        int n = k.intShape(NUM_TOKENS), hd = headDim(k), width = qkvWidth(k);
        int kvWidth = localKvHeads(k) * hd;
        int kStart = localHeads(k) * hd;
        DevicePtr qkv = k.operand(0), slots = k.operand(1), kc = k.operand(2), vc = k.operand(3);
        float[] src = mem.floats(qkv), kCache = mem.floats(kc), vCache = mem.floats(vc);
        int[] slot = mem.ints(slots);
        for (int t = 0; t < n; t++) {
            int s = slot[off(slots) + t];
            if (s < 0) continue;
            int row = off(qkv) + t * width;
            System.arraycopy(src, row + kStart, kCache, off(kc) + s * kvWidth, kvWidth);
            System.arraycopy(src, row + kStart + kvWidth, vCache, off(vc) + s * kvWidth, kvWidth);
        }
    }

    private static void attention(KernelLaunch k, DeviceMemoryView mem) {
        var layout = new PagedAttention.Layout(localHeads(k), localKvHeads(k), headDim(k), qkvWidth(k),
                k.intShape(BLOCK_SIZE), k.intShape(MAX_BLOCKS_PER_SEQ));
        DevicePtr qkv = k.operand(0), kc = k.operand(1), vc = k.operand(2), qs = k.operand(3), ql = k.operand(4),
                ctx = k.operand(5), tables = k.operand(6), out = k.operand(7);
        PagedAttention.apply(layout, mem.floats(qkv), off(qkv), mem.floats(kc), off(kc), mem.floats(vc), off(vc),
                mem.ints(qs), off(qs), mem.ints(ql), off(ql), mem.ints(ctx), off(ctx), mem.ints(tables), off(tables),
                k.intShape(BATCH_SIZE), mem.floats(out), off(out));
    }

    private static void siluMul(KernelLaunch k, DeviceMemoryView mem) {
        int n = k.intShape(NUM_TOKENS), inter = localIntermediate(k);
        DevicePtr gu = k.operand(0), out = k.operand(1);
        float[] src = mem.floats(gu), o = mem.floats(out);
        for (int r = 0; r < n; r++) {
            int g = off(gu) + r * 2 * inter, dst = off(out) + r * inter;
            for (int j = 0; j < inter; j++) {
                float gate = src[g + j];
                o[dst + j] = gate / (1f + (float) Math.exp(-gate)) * src[g + inter + j];
            }
        }
    }

    private static void lmHead(KernelLaunch k, DeviceMemoryView mem) {
        int s = k.intShape(NUM_TOKENS), h = k.intShape(N_EMBD), vocabLocal = k.intShape(VOCAB_SIZE) / tp(k);
        DevicePtr hidden = k.operand(0), rows = k.operand(1), w = k.operand(2), out = k.operand(3);
        float[] src = mem.floats(hidden), gathered = new float[s * h];
        int[] idx = mem.ints(rows);
        for (int i = 0; i < s; i++) System.arraycopy(src, off(hidden) + idx[off(rows) + i] * h, gathered, i * h, h);
        Linear.matmul(gathered, 0, mem.floats(w), off(w), mem.floats(out), off(out), s, h, vocabLocal);
    }

    private static void sampler(KernelLaunch k, DeviceMemoryView mem) {
        int s = k.intShape(NUM_TOKENS), vocab = k.intShape(VOCAB_SIZE), shards = tp(k);
        int vocabLocal = vocab / shards;
        DevicePtr logits = k.operand(0), temp = k.operand(1), topP = k.operand(2), topK = k.operand(3),
                seed = k.operand(4), counter = k.operand(5), out = k.operand(6);
        float[] l = mem.floats(logits);
        float[] row = new float[vocab];
        for (int i = 0; i < s; i++) {
            for (int shard = 0; shard < shards; shard++) {
                System.arraycopy(l, off(logits) + (shard * s + i) * vocabLocal, row, shard * vocabLocal, vocabLocal);
            }
            mem.ints(out)[off(out) + i] = Sampler.sample(row, mem.floats(temp)[off(temp) + i], mem.floats(topP)[off(topP) + i],
                    mem.ints(topK)[off(topK) + i], mem.longs(seed)[off(seed) + i], mem.longs(counter)[off(counter) + i]);
        }
    }
}
