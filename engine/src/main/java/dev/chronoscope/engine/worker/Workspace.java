package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.Sharding;

import java.util.ArrayList;
import java.util.List;

/**
 * A rank's persistent activation and step-metadata buffers, sized for {@code maxTokens} tokens and
 * {@code maxSeqs} sequences. Kernels and captured graphs address them at fixed pointers, which is
 * what makes graph replay possible: a step copies its metadata in, then launches or replays.
 */
final class Workspace implements AutoCloseable {
    final int maxTokens, maxSeqs, maxBlocksPerSeq;
    final DevicePtr inputIds, positions, slots, hidden, normed, qkv, attn, proj, gateUp, act;
    final DevicePtr preQs, preQl, preCtx, preTables, decQs, decQl, decCtx, decTables;
    final DevicePtr sampleRows, logitsLocal, logitsAll, temperature, topP, topK, seeds, counters, sampled;
    private final DeviceRuntime runtime;
    private final List<DevicePtr> all = new ArrayList<>();

    Workspace(DeviceRuntime rt, ModelConfig c, Sharding s, DType act, int maxTokens, int maxSeqs, int maxBlocksPerSeq) {
        this.runtime = rt;
        this.maxTokens = maxTokens;
        this.maxSeqs = maxSeqs;
        this.maxBlocksPerSeq = maxBlocksPerSeq;
        int tp = s.tpSize(), h = c.hiddenSize(), hd = c.headDim();
        int qLocal = c.numAttentionHeads() / tp * hd, kvLocal = c.numKeyValueHeads() / tp * hd;
        int interLocal = c.intermediateSize() / tp, vocabLocal = c.vocabSize() / tp;
        long n = maxTokens, b = maxSeqs;
        inputIds = alloc(DType.I32, n);
        positions = alloc(DType.I32, n);
        slots = alloc(DType.I32, n);
        hidden = alloc(act, n * h);
        normed = alloc(act, n * h);
        qkv = alloc(act, n * (qLocal + 2L * kvLocal));
        attn = alloc(act, n * qLocal);
        proj = alloc(act, n * h);
        gateUp = alloc(act, n * 2L * interLocal);
        this.act = alloc(act, n * interLocal);
        preQs = alloc(DType.I32, b);
        preQl = alloc(DType.I32, b);
        preCtx = alloc(DType.I32, b);
        preTables = alloc(DType.I32, b * maxBlocksPerSeq);
        decQs = alloc(DType.I32, b);
        decQl = alloc(DType.I32, b);
        decCtx = alloc(DType.I32, b);
        decTables = alloc(DType.I32, b * maxBlocksPerSeq);
        sampleRows = alloc(DType.I32, b);
        logitsLocal = alloc(DType.F32, b * vocabLocal);
        logitsAll = alloc(DType.F32, b * (long) vocabLocal * tp);
        temperature = alloc(DType.F32, b);
        topP = alloc(DType.F32, b);
        topK = alloc(DType.I32, b);
        seeds = alloc(DType.I64, b);
        counters = alloc(DType.I64, b);
        sampled = alloc(DType.I32, b);
    }

    private DevicePtr alloc(DType dtype, long count) {
        try {
            DevicePtr p = runtime.malloc(dtype, Math.max(1, count));
            all.add(p);
            return p;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean fits(int tokens, int seqs) { return tokens <= maxTokens && seqs <= maxSeqs; }

    long bytes() { return all.stream().mapToLong(DevicePtr::bytes).sum(); }

    @Override
    public void close() {
        for (DevicePtr p : all) runtime.free(p);
        all.clear();
    }
}
