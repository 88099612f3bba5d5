package dev.chronoscope.app.runs.demo;

import dev.chronoscope.app.runs.ModelPreset;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.BatchEntry;
import dev.chronoscope.emulator.stream.event.StreamEvent.RequestPhase;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * DEMO DATA: a synthetic but realistic interposer stream for a scenario, so the workbench can be
 * shown, tested and benchmarked before (and independently of) the real emulator. It runs a small
 * continuous-batching scheduler (chunked prefill, paged KV blocks, prefix sharing, recompute
 * preemption) and emits, per step, the kernels of every layer on every rank with roofline
 * durations, the TP all-reduces as collectives, host waits, request lifecycles and KV blocks.
 * Every run it produces says "demo" in its run id and versions. Deterministic for a seed.
 */
public final class SyntheticRun {
    private static final int HEAD_DIM = 128;
    private static final int VOCAB = 32_000;
    private static final int COMPUTE = 0, COMM = 1, HOST = 2;
    private static final String HOST_THREAD = "engine-core";

    private final Scenario sc;
    private final DemoDevice device;
    private final int hidden, kvHidden, intermediate, layers, tp, pp;
    private final Random random;
    private final int numBlocks;
    private final int sharedPrefixBlocks;
    private final long kernelBudget;
    private final BitSet usedBlocks = new BitSet();
    private final long[] cursor;
    private long kernels;
    private long stepTime;
    private EventSink sink;

    /** @param kernelBudget stop after about this many kernels (for benchmarks); Long.MAX_VALUE for a whole run */
    public SyntheticRun(Scenario scenario, long kernelBudget) {
        this.sc = scenario;
        ModelPreset model = ModelPreset.byId(scenario.model());
        this.device = DemoDevice.of(scenario.gpu());
        this.hidden = model.attentionHeads() * HEAD_DIM;
        this.kvHidden = model.kvHeads() * HEAD_DIM;
        this.intermediate = (int) (hidden * 3.5);
        this.layers = model.layers();
        this.tp = scenario.tensorParallel();
        this.pp = scenario.pipelineParallel();
        this.random = new Random(scenario.seed());
        this.kernelBudget = kernelBudget;
        this.cursor = new long[tp * pp];
        double kvBytesPerToken = 2.0 * layers * kvHidden * 2;
        double weights = 12.0 * layers * hidden * (double) hidden * 2;
        double memory = dev(scenario.gpu()) * scenario.gpuMemoryUtilization() * tp * pp;
        this.numBlocks = (int) Math.max(256, Math.min(200_000, (memory - weights) / (kvBytesPerToken * scenario.blockSize())));
        this.sharedPrefixBlocks = scenario.prefixCaching() ? 4 : 0;
    }

    private static double dev(String gpu) {
        return switch (gpu) {
            case "h200" -> 141e9;
            case "b200" -> 192e9;
            case "a40", "l40s" -> 48e9;
            case "cpu-local" -> 16e9;
            default -> 80e9;
        };
    }

    /** Emits the whole run to {@code events}, asking {@code gate} before each step. */
    public void run(EventSink events, StepGate gate) throws InterruptedException {
        this.sink = events;
        emit(new StreamEvent.RunStart(0, "demo-" + sc.seed(), "{\"demo\":true,\"scenario\":\"" + sc.label() + "\"}",
                sc.timeMode(), Map.of("source", "demo data (synthetic)"), System.currentTimeMillis()));
        register();
        List<Req> pending = arrivals();
        Deque<Req> waiting = new ArrayDeque<>();
        List<Req> running = new ArrayList<>();
        long now = 0;
        long step = 0;
        int next = 0;
        for (int b = 0; b < sharedPrefixBlocks; b++) usedBlocks.set(b);
        while (kernels < kernelBudget) {
            while (next < pending.size() && pending.get(next).arrival <= now) {
                Req r = pending.get(next++);
                waiting.add(r);
                emit(new StreamEvent.Request(r.arrival, r.id, RequestPhase.ARRIVED, r.prompt));
            }
            if (running.isEmpty() && waiting.isEmpty()) {
                if (next >= pending.size()) break;
                long until = pending.get(next).arrival;
                emit(new StreamEvent.TimeJump(now, until, 0, HOST_THREAD, "idle: no requests"));
                now = until;
                continue;
            }
            if (!gate.awaitStep(now)) break;
            now = step(step++, now, waiting, running);
        }
        emit(new StreamEvent.RunEnd(now, "ok", kernels >= kernelBudget ? "kernel budget reached" : ""));
    }

    private void register() {
        int processes = Math.max(1, sc.processes());
        for (int p = 0; p < processes; p++) emit(new StreamEvent.ProcessRegistered(0, p, "engine-" + p));
        int world = tp * pp;
        for (int r = 0; r < world; r++) {
            emit(new StreamEvent.RankRegistered(0, r, r * processes / world, sc.gpu(), r, (long) dev(sc.gpu())));
            emit(new StreamEvent.StreamRegistered(0, r, COMPUTE, "compute"));
            if (world > 1) emit(new StreamEvent.StreamRegistered(0, r, COMM, "comm"));
        }
        emit(new StreamEvent.StreamRegistered(0, 0, HOST, "host:" + HOST_THREAD));
    }

    /** Request arrivals as vLLM's benchmark draws them: gamma gaps with shape = burstiness. */
    private List<Req> arrivals() {
        List<Req> out = new ArrayList<>();
        double t = 0;
        double meanPrompt = switch (sc.dataset()) {
            case "splitwise-code" -> 1500;
            case "arxiv-summarization" -> 3000;
            case "random" -> 512;
            default -> 800;
        };
        for (int i = 0; i < sc.numPrompts(); i++) {
            if (!Double.isInfinite(sc.requestRate())) {
                t += gamma(sc.burstiness()) / (sc.requestRate() * sc.burstiness());
            }
            int prompt = (int) Math.clamp(meanPrompt * Math.exp(0.6 * random.nextGaussian() - 0.18), 16, 8192);
            int output = 16 + random.nextInt(360);
            out.add(new Req("req-" + i, (long) (t * 1e9), Math.max(prompt, sharedPrefixBlocks * sc.blockSize() + 1), output));
        }
        return out;
    }

    /** Marsaglia and Tsang's gamma sampler with scale 1. */
    private double gamma(double shape) {
        if (shape < 1) return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian(), v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    private long step(long index, long now, Deque<Req> waiting, List<Req> running) {
        stepTime = now;
        int budget = sc.maxNumBatchedTokens();
        List<BatchEntry> batch = new ArrayList<>();
        List<Req> scheduled = new ArrayList<>();
        int preemptions = 0;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            Req r = running.get(i);
            int tokens = r.prefilling() ? Math.min(r.prompt - r.computed, budget) : 1;
            while (!allocate(r, r.computed + tokens)) {
                Req victim = running.removeLast();
                preemptions++;
                release(victim, now);
                victim.computed = 0;
                emit(new StreamEvent.Request(now, victim.id, RequestPhase.PREEMPTED, victim.generated));
                waiting.addFirst(victim);
                if (victim == r) break;
            }
            if (!running.contains(r)) break;
            batch.add(new BatchEntry(r.id, tokens, r.prefilling()));
            scheduled.add(r);
            budget -= tokens;
        }
        while (!waiting.isEmpty() && running.size() < sc.maxNumSeqs() && budget > 0) {
            Req r = waiting.peekFirst();
            if (r.computed == 0 && sharedPrefixBlocks > 0) r.computed = sharedPrefixBlocks * sc.blockSize();
            int tokens = Math.min(r.prompt - r.computed, budget);
            if (!sc.chunkedPrefill() && tokens < r.prompt - r.computed) break;
            if (!allocate(r, r.computed + tokens)) break;
            waiting.pollFirst();
            running.add(r);
            emit(new StreamEvent.Request(now, r.id, RequestPhase.SCHEDULED, r.generated));
            batch.add(new BatchEntry(r.id, tokens, true));
            scheduled.add(r);
            budget -= tokens;
        }
        long hostOverhead = 150_000 + 2_000L * batch.size();
        long end = kernels(now + hostOverhead, batch, scheduled);
        emit(new StreamEvent.TimeJump(now + hostOverhead, end, 0, HOST_THREAD, "sync: sampled tokens"));
        for (int i = 0; i < scheduled.size(); i++) {
            Req r = scheduled.get(i);
            BatchEntry e = batch.get(i);
            r.computed += e.numTokens();
            if (r.computed < r.prompt) continue;
            r.generated++;
            emit(new StreamEvent.Request(end, r.id, r.generated == 1 ? RequestPhase.FIRST_TOKEN : RequestPhase.TOKEN, r.generated));
            if (r.generated >= r.output) {
                running.remove(r);
                release(r, end);
                emit(new StreamEvent.Request(end, r.id, RequestPhase.FINISHED, r.generated));
            } else {
                r.computed = r.prompt + r.generated - 1;
            }
        }
        int used = usedBlocks.cardinality();
        emit(new StreamEvent.SchedulerStep(now, index, batch, running.size(), waiting.size(), used, numBlocks - used, preemptions));
        emit(new StreamEvent.MetricsSnapshot(end, Map.of("running", (double) running.size(), "waiting", (double) waiting.size(),
                "kv_usage", used / (double) numBlocks)));
        return end + 40_000;
    }

    /** Grows a request's blocks to hold {@code tokens}; false (and nothing taken) when the cache is full. */
    private boolean allocate(Req r, int tokens) {
        int needed = (tokens + sc.blockSize() - 1) / sc.blockSize();
        int own = needed - sharedPrefixBlocks - r.blocks.size();
        if (own <= 0) return true;
        if (usedBlocks.cardinality() + own > numBlocks) return false;
        for (int i = 0; i < own; i++) {
            int b = usedBlocks.nextClearBit(sharedPrefixBlocks);
            usedBlocks.set(b);
            r.blocks.add(b);
        }
        emitBlocks(r);
        return true;
    }

    private void emitBlocks(Req r) {
        int[] ids = new int[sharedPrefixBlocks + r.blocks.size()];
        for (int i = 0; i < sharedPrefixBlocks; i++) ids[i] = i;
        for (int i = 0; i < r.blocks.size(); i++) ids[sharedPrefixBlocks + i] = r.blocks.get(i);
        emit(new StreamEvent.KvBlocks(stepTime, r.id, ids, sharedPrefixBlocks));
    }

    private void release(Req r, long time) {
        for (int b : r.blocks) usedBlocks.clear(b);
        r.blocks.clear();
        emit(new StreamEvent.KvBlocks(time, r.id, new int[0], 0));
    }

    /** Places the step's kernels on every rank, stage after stage; returns when the last one ends. */
    private long kernels(long start, List<BatchEntry> batch, List<Req> reqs) {
        int tokens = 0, decodes = 0;
        double qkv = 0, kvSum = 0;
        for (int i = 0; i < batch.size(); i++) {
            BatchEntry e = batch.get(i);
            tokens += e.numTokens();
            int context = reqs.get(i).computed + e.numTokens();
            if (e.prefill()) qkv += (double) e.numTokens() * context; else { decodes++; kvSum += context; }
        }
        long stageStart = start;
        for (int stage = 0; stage < pp; stage++) {
            for (int r = stage * tp; r < (stage + 1) * tp; r++) cursor[r] = stageStart + 2_000L * (r - stage * tp);
            if (stage == 0) all(stage, "emb", elementwise(tokens), Features.of("num_tokens", tokens, "n_embd", hidden));
            for (int l = 0; l < layers / pp; l++) layer(stage, tokens, batch.size(), decodes, qkv, kvSum);
            if (stage == pp - 1) {
                all(stage, "lm_head", gemm(batch.size(), hidden, VOCAB / tp), Features.of("num_tokens", batch.size(), "n_embd", hidden, "vocab_size", VOCAB, "tp", tp));
                all(stage, "sampler", 20_000 + 100L * batch.size(), Features.of("batch_size", batch.size()));
            }
            long stageEnd = 0;
            for (int r = stage * tp; r < (stage + 1) * tp; r++) stageEnd = Math.max(stageEnd, cursor[r]);
            if (stage < pp - 1) {
                long bytes = 2L * tokens * hidden;
                long dur = 10_000 + (long) (bytes / device.interconnectBytes() * 1e9);
                int[] ranks = {stage * tp, (stage + 1) * tp};
                emit(new StreamEvent.Collective(stageEnd, stageEnd + dur, "send_recv", bytes, ranks, new long[]{stageEnd, stageEnd}));
                stageEnd += dur;
            }
            stageStart = stageEnd;
        }
        return stageStart;
    }

    private void layer(int stage, int tokens, int batchSize, int decodes, double qkv, double kvSum) {
        Features shape = Features.of("num_tokens", tokens, "n_embd", hidden, "tp", tp);
        all(stage, "input_layernorm", elementwise(tokens), shape);
        all(stage, "attn_pre_proj", gemm(tokens, hidden, (hidden + 2 * kvHidden) / tp), shape);
        all(stage, "attn_rope", elementwise(tokens) / 2, shape);
        all(stage, "attn_kv_cache_save", 2_000 + (long) (4.0 * tokens * kvHidden / tp / device.bandwidthBytes() * 1e9), shape);
        if (qkv > 0) {
            long dur = 5_000 + (long) (4.0 * qkv * hidden / tp / (device.peakFlops() * 0.4) * 1e9);
            all(stage, "attn_prefill", dur, Features.of("num_tokens", tokens - decodes, "sum_q_kv", qkv, "n_head", hidden / HEAD_DIM / tp));
        }
        if (decodes > 0) {
            long dur = 5_000 + (long) (4.0 * kvSum * kvHidden / tp / (device.bandwidthBytes() * 0.7) * 1e9);
            all(stage, "attn_decode", dur, Features.of("batch_size", decodes, "sum_kv", kvSum, "n_kv_head", kvHidden / HEAD_DIM / tp));
        }
        all(stage, "attn_post_proj", gemm(tokens, hidden / tp, hidden), shape);
        allReduce(stage, tokens);
        all(stage, "post_attention_layernorm", elementwise(tokens), shape);
        all(stage, "mlp_up_proj", gemm(tokens, hidden, 2 * intermediate / tp), Features.of("num_tokens", tokens, "n_embd", hidden, "n_expanded_embd", intermediate, "tp", tp));
        all(stage, "mlp_act", elementwise(tokens) * 2, shape);
        all(stage, "mlp_down_proj", gemm(tokens, intermediate / tp, hidden), Features.of("num_tokens", tokens, "n_embd", hidden, "n_expanded_embd", intermediate, "tp", tp));
        allReduce(stage, tokens);
        all(stage, "add", elementwise(tokens), Features.of("num_tokens", tokens, "n_embd", hidden, "batch_size", batchSize));
    }

    private void allReduce(int stage, int tokens) {
        if (tp == 1) return;
        long bytes = 2L * tokens * hidden;
        long dur = 8_000 + (long) (2.0 * (tp - 1) / tp * bytes / device.interconnectBytes() * 1e9);
        int[] ranks = new int[tp];
        long[] arrivals = new long[tp];
        long begin = 0;
        for (int i = 0; i < tp; i++) {
            ranks[i] = stage * tp + i;
            arrivals[i] = cursor[ranks[i]];
            begin = Math.max(begin, arrivals[i]);
        }
        emit(new StreamEvent.Collective(begin, begin + dur, "all_reduce", bytes, ranks, arrivals));
        Features f = Features.of("size", bytes, "num_workers", tp);
        for (int r : ranks) {
            kernel(r, COMM, "all_reduce", begin, dur, f);
            cursor[r] = begin + dur;
        }
    }

    private void all(int stage, String name, long duration, Features features) {
        for (int r = stage * tp; r < (stage + 1) * tp; r++) {
            kernel(r, COMPUTE, name, cursor[r], duration, features);
            cursor[r] += duration + 1_000; // launch gap between dependent kernels
        }
    }

    private void kernel(int rank, int stream, String name, long start, long duration, Features features) {
        kernels++;
        emit(new StreamEvent.Kernel(start, start + duration, rank, stream, name, features,
                "roofline/" + sc.gpu() + "/" + name + "@demo", false, StreamEvent.Kernel.NO_GRAPH));
    }

    private long gemm(int m, int k, int n) {
        double flops = 2.0 * m * k * n;
        double bytes = 2.0 * ((double) k * n + (double) m * k + (double) m * n);
        return 4_000 + (long) (Math.max(flops / (device.peakFlops() * 0.6), bytes / (device.bandwidthBytes() * 0.8)) * 1e9);
    }

    private long elementwise(int tokens) {
        return 2_000 + (long) (4.0 * tokens * hidden / device.bandwidthBytes() * 1e9);
    }

    private void emit(StreamEvent e) {
        sink.accept(e);
    }

    private static final class Req {
        final String id;
        final long arrival;
        final int prompt, output;
        final List<Integer> blocks = new ArrayList<>();
        int computed, generated;

        Req(String id, long arrival, int prompt, int output) {
            this.id = id;
            this.arrival = arrival;
            this.prompt = prompt;
            this.output = output;
        }

        boolean prefilling() { return computed < prompt; }
    }
}
