package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.Communicator;
import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.device.Graph;
import dev.chronoscope.engine.device.KernelLaunch;
import dev.chronoscope.engine.device.Stream;
import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.executor.ScheduledSequence;
import dev.chronoscope.engine.executor.StepInput;
import dev.chronoscope.engine.model.DeviceTensorSpec;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.RopeScaling;
import dev.chronoscope.engine.model.ShardPlan;
import dev.chronoscope.engine.model.Sharding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * One rank's share of the model on its device: holds the weight shard, the paged KV cache and the
 * workspace, and turns each step into kernel launches and collectives on its compute stream
 * (eagerly, or as a replayed graph for padded pure-decode batches). Every rank of a deployment
 * runs the same steps in the same order.
 */
public final class ModelRunner implements AutoCloseable {
    private final ModelConfig c;
    private final Sharding s;
    private final DeviceRuntime rt;
    private final RunnerOptions options;
    private final Stream stream;
    private final Communicator tpComm, ppComm;
    private final DType dtype;
    private final Map<String, DevicePtr> weights = new HashMap<>();
    private final Map<Integer, Graph> graphs = new HashMap<>();
    private final int firstLayer, endLayer, maxModelLen;
    private DevicePtr cosSin;
    private List<DevicePtr> kCache = List.of(), vCache = List.of();
    private int blockSize;
    private Workspace workspace;
    private long weightBytes;
    private LayerWeights[] layerWeights;
    private final Map<String, Double> rmsNormAttrs;

    /** Shape of one forward launch sequence: token and sequence counts and attention features. */
    private record Forward(int tokens, int sampled, int preBatch, long preSumQKv, int decBatch, long decSumKv) {}

    public ModelRunner(ModelConfig config, Sharding sharding, DeviceRuntime runtime, CollectiveTransport tp,
                       CollectiveTransport pp, RunnerOptions options) {
        sharding.validateFor(config);
        this.c = config;
        this.s = sharding;
        this.rt = runtime;
        this.options = options;
        this.stream = runtime.createStream();
        this.tpComm = runtime.initCommunicator(tp);
        this.ppComm = runtime.initCommunicator(pp);
        this.dtype = DType.ofTorchName(config.torchDtype());
        this.firstLayer = sharding.firstLayer(config.numHiddenLayers());
        this.endLayer = sharding.endLayer(config.numHiddenLayers());
        this.maxModelLen = StepChecks.maxModelLen(config, options);
        this.rmsNormAttrs = Map.of("eps", config.rmsNormEps());
    }

    public boolean isDriver() { return s.isLastStage() && s.tpRank() == 0; }

    /** Allocates and fills this rank's weights; returns their bytes. */
    public long loadWeights(WeightLoader loader) {
        for (DeviceTensorSpec spec : ShardPlan.of(c, s)) {
            DevicePtr ptr = rt.malloc(dtype, spec.elements());
            weights.put(spec.key(), ptr);
            layerWeights = null;
            loader.load(spec, ptr, rt, stream);
            weightBytes += ptr.bytes();
        }
        float[] table = RopeScaling.cosSinTable(c.ropeScaling().inverseFrequencies(c.headDim(), c.ropeTheta()), maxModelLen);
        cosSin = rt.malloc(DType.F32, table.length);
        rt.copyHostToDevice(table, 0, cosSin, table.length, stream);
        rt.synchronizeStream(stream);
        return weightBytes;
    }

    public long weightBytes() { return weightBytes; }

    private int kvWidth() { return c.numKeyValueHeads() / s.tpSize() * c.headDim(); }

    /** Device bytes of one KV block on this rank: K and V of every local layer. */
    public long kvBlockBytes(int blockSize) {
        return 2L * (endLayer - firstLayer) * blockSize * kvWidth() * dtype.bytes();
    }

    /**
     * vLLM's profiling pass: sizes the workspace for {@code maxTokens}, runs a dummy forward pass of
     * that many prompt tokens (spread over up to max-num-seqs sequences) with a temporary KV cache,
     * and returns how many KV blocks fit in {@code utilization × total − (weights + activations)}.
     */
    public int profileNumKvBlocks(int blockSize, double utilization, int maxTokens) {
        int seqs = Math.max((maxTokens + maxModelLen - 1) / maxModelLen, Math.max(1, Math.min(options.maxNumSeqs(), maxTokens)));
        ensureWorkspace(maxTokens, seqs, blockSize);
        List<ScheduledSequence> dummy = new ArrayList<>();
        int nextBlock = 0;
        for (int i = 0; i < seqs; i++) {
            int len = maxTokens / seqs + (i < maxTokens % seqs ? 1 : 0);
            if (len == 0) continue;
            int blocks = (len + blockSize - 1) / blockSize;
            int[] table = new int[blocks];
            for (int b = 0; b < blocks; b++) table[b] = nextBlock++;
            dummy.add(new ScheduledSequence("profile-" + i, new int[len], 0, table, true, SamplingParams.GREEDY));
        }
        List<DevicePtr> savedK = kCache, savedV = vCache;
        int savedBlockSize = this.blockSize;
        allocateKvCache(nextBlock, blockSize);
        try {
            execute(new StepInput(-1, dummy), false, true);
            rt.synchronizeStream(stream);
        } finally {
            freeKvCache();
            kCache = savedK;
            vCache = savedV;
            this.blockSize = savedBlockSize;
        }
        var mem = rt.memoryInfo();
        long existingKv = savedK.stream().mapToLong(DevicePtr::bytes).sum() + savedV.stream().mapToLong(DevicePtr::bytes).sum();
        long used = mem.usedBytes() - existingKv;
        long budget = (long) (utilization * mem.totalBytes()) - used;
        long blocks = budget / kvBlockBytes(blockSize);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, blocks));
    }

    public void initializeKvCache(int numBlocks, int blockSize) {
        freeKvCache();
        allocateKvCache(numBlocks, blockSize);
    }

    private void allocateKvCache(int numBlocks, int blockSize) {
        this.blockSize = blockSize;
        List<DevicePtr> k = new ArrayList<>(), v = new ArrayList<>();
        long perLayer = (long) numBlocks * blockSize * kvWidth();
        for (int l = firstLayer; l < endLayer; l++) {
            k.add(rt.malloc(dtype, perLayer));
            v.add(rt.malloc(dtype, perLayer));
        }
        kCache = k;
        vCache = v;
        destroyGraphs();
    }

    private void freeKvCache() {
        for (DevicePtr p : kCache) rt.free(p);
        for (DevicePtr p : vCache) rt.free(p);
        kCache = List.of();
        vCache = List.of();
        destroyGraphs();
    }

    private int maxBlocksPerSeq(int blockSize) { return (maxModelLen + blockSize - 1) / blockSize; }

    private void ensureWorkspace(int tokens, int seqs, int blockSize) {
        if (workspace != null && workspace.fits(tokens, seqs) && workspace.maxBlocksPerSeq == maxBlocksPerSeq(blockSize)) return;
        int t = Math.max(tokens, workspace == null ? 0 : workspace.maxTokens);
        int q = Math.max(seqs, workspace == null ? 0 : workspace.maxSeqs);
        if (workspace != null) {
            rt.synchronizeStream(stream);
            destroyGraphs();
            workspace.close();
            workspace = null;
        }
        workspace = new Workspace(rt, c, s, dtype, t, q, maxBlocksPerSeq(blockSize));
    }

    private void destroyGraphs() {
        for (Graph g : graphs.values()) rt.destroyGraph(g);
        graphs.clear();
    }

    /** Runs one step on this rank; the driver rank returns the sampled tokens (and logits when asked). */
    public StepResult execute(StepInput input, boolean wantLogits) { return execute(input, wantLogits, false); }

    private StepResult execute(StepInput input, boolean wantLogits, boolean forceEager) {
        if (kCache.isEmpty() && endLayer > firstLayer) throw new IllegalStateException("KV cache not initialised");
        StepChecks.check(input, c, blockSize, maxModelLen);
        List<ScheduledSequence> seqs = input.sequences();
        int decodeBatch = seqs.size();
        boolean graphable = !forceEager && !options.enforceEager() && !seqs.isEmpty()
                && seqs.stream().allMatch(q -> StepBatch.isDecode(q) && q.sample());
        int padded = graphable ? CaptureSizes.paddedSize(decodeBatch, options.maxNumSeqs()) : -1;
        StepBatch b = StepBatch.of(seqs, blockSize, maxBlocksPerSeq(blockSize), Math.max(padded, 0));
        if (b.numTokens == 0) return StepResult.EMPTY;
        ensureWorkspace(b.numTokens, Math.max(1, Math.max(b.numSampled, b.prefill.batch() + b.decode.batch())), blockSize);
        upload(b);
        if (padded > 0) {
            Graph g = graphs.get(padded);
            if (g == null) {
                rt.beginCapture(stream);
                launchForward(new Forward(padded, padded, 0, 0, padded, 0));
                g = rt.endCapture(stream);
                graphs.put(padded, g);
            }
            rt.replayGraph(g, Map.of(SUM_KV, b.decode.sumKv()), stream);
        } else {
            launchForward(new Forward(b.numTokens, b.numSampled, b.prefill.batch(), b.prefill.sumQKv(),
                    b.decode.batch(), b.decode.sumKv()));
        }
        return isDriver() ? readBack(b, wantLogits) : StepResult.EMPTY;
    }

    private void upload(StepBatch b) {
        Workspace w = workspace;
        rt.copyHostToDevice(b.inputIds, 0, w.inputIds, b.numTokens, stream);
        rt.copyHostToDevice(b.positions, 0, w.positions, b.numTokens, stream);
        rt.copyHostToDevice(b.slots, 0, w.slots, b.numTokens, stream);
        uploadGroup(b.prefill, w.preQs, w.preQl, w.preCtx, w.preTables);
        uploadGroup(b.decode, w.decQs, w.decQl, w.decCtx, w.decTables);
        if (s.isLastStage() && b.numSampled > 0) {
            int n = b.numSampled;
            rt.copyHostToDevice(b.sampleRows, 0, w.sampleRows, n, stream);
            rt.copyHostToDevice(b.temperature, 0, w.temperature, n, stream);
            rt.copyHostToDevice(b.topP, 0, w.topP, n, stream);
            rt.copyHostToDevice(b.topK, 0, w.topK, n, stream);
            rt.copyHostToDevice(b.seeds, 0, w.seeds, n, stream);
            rt.copyHostToDevice(b.counters, 0, w.counters, n, stream);
        }
    }

    private void uploadGroup(StepBatch.AttentionGroup g, DevicePtr qs, DevicePtr ql, DevicePtr ctx, DevicePtr tables) {
        if (g.batch() == 0) return;
        rt.copyHostToDevice(g.queryStart(), 0, qs, g.batch(), stream);
        rt.copyHostToDevice(g.queryLen(), 0, ql, g.batch(), stream);
        rt.copyHostToDevice(g.contextLen(), 0, ctx, g.batch(), stream);
        rt.copyHostToDevice(g.blockTables(), 0, tables, g.blockTables().length, stream);
    }

    private StepResult readBack(StepBatch b, boolean wantLogits) {
        int n = b.sampledRequests.size();
        if (b.numSampled == 0) return StepResult.EMPTY;
        int[] tokens = new int[b.numSampled];
        rt.copyDeviceToHost(workspace.sampled, tokens, 0, b.numSampled, stream);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) out.put(b.sampledRequests.get(i), tokens[i]);
        if (!wantLogits) return new StepResult(out, Map.of());
        int vocab = c.vocabSize(), tp = s.tpSize(), vocabLocal = vocab / tp;
        float[] raw = new float[b.numSampled * vocab];
        rt.copyDeviceToHost(tp > 1 ? workspace.logitsAll : workspace.logitsLocal, raw, 0, raw.length, stream);
        Map<String, float[]> logits = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            float[] row = new float[vocab];
            for (int shard = 0; shard < tp; shard++) {
                System.arraycopy(raw, (shard * b.numSampled + i) * vocabLocal, row, shard * vocabLocal, vocabLocal);
            }
            logits.put(b.sampledRequests.get(i), row);
        }
        return new StepResult(out, logits);
    }

    private Map<String, Long> shape(int tokens) {
        return Map.of(NUM_TOKENS, (long) tokens, N_EMBD, (long) c.hiddenSize(), N_HEAD, (long) c.numAttentionHeads(),
                N_KV_HEAD, (long) c.numKeyValueHeads(), N_EXPANDED_EMBD, (long) c.intermediateSize(),
                VOCAB_SIZE, (long) c.vocabSize(), NUM_TP_WORKERS, (long) s.tpSize());
    }

    /** {@code shape} plus one more argument, immutable. */
    private static Map<String, Long> with(Map<String, Long> shape, String key, long value) {
        Map<String, Long> m = new HashMap<>(shape);
        m.put(key, value);
        return Map.copyOf(m);
    }

    private static Map<String, Long> with(Map<String, Long> shape, String k1, long v1, String k2, long v2) {
        return with(with(shape, k1, v1), k2, v2);
    }

    private void launch(String kernel, Map<String, Long> shape, Map<String, Double> attrs, DevicePtr... operands) {
        rt.launch(new KernelLaunch(kernel, shape, attrs, List.of(operands)), stream);
    }

    /** One layer's weight pointers, resolved once: a forward pass launches a dozen kernels per layer. */
    private record LayerWeights(DevicePtr inputNorm, DevicePtr qkv, DevicePtr qkvBias, DevicePtr o, DevicePtr postNorm,
                                DevicePtr gateUp, DevicePtr down) {}

    private LayerWeights[] layerWeights() {
        if (layerWeights == null) {
            layerWeights = new LayerWeights[endLayer - firstLayer];
            for (int layer = firstLayer; layer < endLayer; layer++) {
                layerWeights[layer - firstLayer] = new LayerWeights(weights.get(ShardPlan.layerKey(layer, "input_norm")),
                        weights.get(ShardPlan.layerKey(layer, "qkv")), weights.get(ShardPlan.layerKey(layer, "qkv_bias")),
                        weights.get(ShardPlan.layerKey(layer, "o")), weights.get(ShardPlan.layerKey(layer, "post_norm")),
                        weights.get(ShardPlan.layerKey(layer, "gate_up")), weights.get(ShardPlan.layerKey(layer, "down")));
            }
        }
        return layerWeights;
    }

    /**
     * Launches one forward pass. The shape maps are built once per pass (every layer launches the same
     * shapes) and are immutable, so a launch shares them instead of copying.
     */
    private void launchForward(Forward f) {
        Workspace w = workspace;
        int n = f.tokens(), h = c.hiddenSize();
        Map<String, Long> shape = shape(n);
        Map<String, Long> saveShape = with(shape, BLOCK_SIZE, blockSize);
        Map<String, Long> cacheShape = with(saveShape, MAX_BLOCKS_PER_SEQ, w.maxBlocksPerSeq);
        Map<String, Long> prefillShape = f.preBatch() > 0 ? with(cacheShape, BATCH_SIZE, f.preBatch(), SUM_Q_KV, f.preSumQKv()) : null;
        Map<String, Long> decodeShape = f.decBatch() > 0 ? with(cacheShape, BATCH_SIZE, f.decBatch(), SUM_KV, f.decSumKv()) : null;
        Map<String, Double> eps = rmsNormAttrs;
        Map<String, Double> none = Map.of();
        DevicePtr hidden = w.hidden.slice(0, (long) n * h), proj = w.proj.slice(0, (long) n * h);
        if (s.isFirstStage()) {
            launch(EMB, shape, Map.of("vocab_start", (double) (s.tpRank() * (c.vocabSize() / s.tpSize()))),
                    w.inputIds, weights.get("embed"), w.hidden);
            if (s.tpSize() > 1) rt.allReduce(tpComm, hidden, stream);
        } else {
            rt.recv(ppComm, hidden, s.ppRank() - 1, stream);
        }
        LayerWeights[] layers = layerWeights();
        for (int local = 0; local < layers.length; local++) {
            LayerWeights lw = layers[local];
            DevicePtr kc = kCache.get(local), vc = vCache.get(local);
            launch(INPUT_LAYERNORM, shape, eps, w.hidden, lw.inputNorm(), w.normed);
            if (lw.qkvBias() == null) launch(ATTN_PRE_PROJ, shape, none, w.normed, lw.qkv(), w.qkv);
            else launch(ATTN_PRE_PROJ, shape, none, w.normed, lw.qkv(), w.qkv, lw.qkvBias());
            launch(ATTN_ROPE, shape, none, w.qkv, w.positions, cosSin);
            launch(ATTN_KV_CACHE_SAVE, saveShape, none, w.qkv, w.slots, kc, vc);
            if (prefillShape != null) {
                launch(ATTN_PREFILL, prefillShape, none, w.qkv, kc, vc, w.preQs, w.preQl, w.preCtx, w.preTables, w.attn);
            }
            if (decodeShape != null) {
                launch(ATTN_DECODE, decodeShape, none, w.qkv, kc, vc, w.decQs, w.decQl, w.decCtx, w.decTables, w.attn);
            }
            launch(ATTN_POST_PROJ, shape, none, w.attn, lw.o(), w.proj);
            if (s.tpSize() > 1) rt.allReduce(tpComm, proj, stream);
            launch(ADD, shape, none, w.hidden, w.proj, w.hidden);
            launch(POST_ATTENTION_LAYERNORM, shape, eps, w.hidden, lw.postNorm(), w.normed);
            launch(MLP_UP_PROJ, shape, none, w.normed, lw.gateUp(), w.gateUp);
            launch(MLP_ACT, shape, none, w.gateUp, w.act);
            launch(MLP_DOWN_PROJ, shape, none, w.act, lw.down(), w.proj);
            if (s.tpSize() > 1) rt.allReduce(tpComm, proj, stream);
            launch(ADD, shape, none, w.hidden, w.proj, w.hidden);
        }
        if (!s.isLastStage()) {
            rt.send(ppComm, hidden, s.ppRank() + 1, stream);
            return;
        }
        launch(INPUT_LAYERNORM, shape, eps, w.hidden, weights.get("final_norm"), w.normed);
        int sampled = f.sampled();
        if (sampled == 0) return;
        int vocabLocal = c.vocabSize() / s.tpSize();
        Map<String, Long> sampledShape = sampled == n ? shape : shape(sampled);
        launch(LM_HEAD, sampledShape, none, w.normed, w.sampleRows, weights.get("lm_head"), w.logitsLocal);
        DevicePtr logits = w.logitsLocal;
        if (s.tpSize() > 1) {
            rt.allGather(tpComm, w.logitsLocal.slice(0, (long) sampled * vocabLocal),
                    w.logitsAll.slice(0, (long) sampled * vocabLocal * s.tpSize()), stream);
            logits = w.logitsAll;
        }
        if (isDriver()) {
            launch(SAMPLER, sampledShape, none, logits, w.temperature, w.topP, w.topK, w.seeds, w.counters, w.sampled);
        }
    }

    /** Decode batch sizes for which a graph is captured now. */
    public java.util.Set<Integer> capturedGraphSizes() { return java.util.Set.copyOf(graphs.keySet()); }

    /** Waits for this rank's outstanding device work. */
    public void synchronize() { rt.synchronizeStream(stream); }

    /** Closes the device this runner was given: the runner owns it. */
    @Override
    public void close() {
        rt.close();
    }
}
