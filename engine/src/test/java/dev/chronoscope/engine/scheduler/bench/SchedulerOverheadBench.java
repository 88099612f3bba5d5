package dev.chronoscope.engine.scheduler.bench;

import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.core.EngineCore;
import dev.chronoscope.engine.core.EngineListener;
import dev.chronoscope.engine.core.RequestOutput;
import dev.chronoscope.engine.core.RequestStream;
import dev.chronoscope.engine.core.StepReport;
import dev.chronoscope.engine.core.request.GenerationParams;
import dev.chronoscope.engine.core.request.Request;
import dev.chronoscope.engine.executor.ModelExecutor;
import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.executor.ScheduledSequence;
import dev.chronoscope.engine.executor.StepInput;
import dev.chronoscope.engine.executor.StepOutput;
import dev.chronoscope.engine.kv.KvCacheManager;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.scheduler.ScheduledRequest;
import dev.chronoscope.engine.scheduler.Scheduler;
import dev.chronoscope.engine.scheduler.SchedulerConfig;
import dev.chronoscope.engine.scheduler.SchedulerOutput;
import dev.chronoscope.engine.scheduler.SchedulingPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Prints the host-side cost of one engine step with 256 running requests (decode), in µs:
 * (1) scheduler + KV cache manager alone (schedule, then append the sampled tokens), prefix caching on and
 * off; (2) the whole engine-core loop with an executor that costs nothing. Run as a plain main (see
 * docs/engine-serving.md); not a test, because timings on shared machines are not assertions.
 */
public final class SchedulerOverheadBench {
    private static final int RUNNING = 256;
    private static final int PROMPT = 512;
    private static final int WARMUP_STEPS = 500;
    private static final int MEASURED_STEPS = 3000;
    private static final int MAX_MODEL_LEN = PROMPT + WARMUP_STEPS + MEASURED_STEPS + 64;

    public static void main(String[] args) throws InterruptedException {
        System.out.printf(Locale.ROOT, "Scheduler overhead, %d running requests, prompt %d, block size 16, java %s%n",
                RUNNING, PROMPT, Runtime.version());
        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "(warm-up round)" : "";
            schedulerOnly(true, label);
            schedulerOnly(false, label);
        }
        engineLoop();
    }

    private static void schedulerOnly(boolean prefixCaching, String label) {
        int blocks = RUNNING * (MAX_MODEL_LEN / 16 + 1);
        Scheduler scheduler = new Scheduler(new SchedulerConfig(RUNNING, 8192, MAX_MODEL_LEN, true,
                SchedulingPolicy.FCFS), new KvCacheManager(blocks, 16, prefixCaching));
        Random rng = new Random(1);
        GenerationParams params = new GenerationParams(MAX_MODEL_LEN - PROMPT, 0, true, -1, 0, SamplingParams.GREEDY);
        for (int i = 0; i < RUNNING; i++) {
            int[] prompt = rng.ints(PROMPT, 0, 32000).toArray();
            scheduler.add(new Request("r" + i, prompt, params, i));
        }
        long[] nanos = new long[MEASURED_STEPS];
        Map<String, Integer> sampled = new HashMap<>();
        for (int step = 0; step < WARMUP_STEPS + MEASURED_STEPS; step++) {
            long start = System.nanoTime();
            SchedulerOutput out = scheduler.schedule();
            long scheduled = System.nanoTime();
            sampled.clear();
            for (ScheduledRequest s : out.scheduled()) {
                if (s.sample()) {
                    sampled.put(s.request().id(), step & 0x7fff);
                }
            }
            long resumed = System.nanoTime();
            scheduler.update(out, sampled);
            long end = System.nanoTime();
            if (step >= WARMUP_STEPS) {
                if (out.scheduled().size() != RUNNING || out.totalTokens() != RUNNING) {
                    throw new IllegalStateException("expected a pure decode batch of " + RUNNING + ", got "
                            + out.scheduled().size() + " requests / " + out.totalTokens() + " tokens");
                }
                nanos[step - WARMUP_STEPS] = (scheduled - start) + (end - resumed);
            }
        }
        print("scheduler+KV per decode step, prefix caching " + (prefixCaching ? "on " : "off") + " " + label, nanos);
    }

    /** The engine thread's own cost per step: scheduling, bookkeeping, output delivery, listener reports. */
    private static void engineLoop() throws InterruptedException {
        ZeroCostExecutor executor = new ZeroCostExecutor(MAX_MODEL_LEN, RUNNING * (MAX_MODEL_LEN / 16 + 1));
        List<Long> stepNanos = new ArrayList<>();
        try (EngineCore core = EngineCore.start(executor, EngineConfig.defaults().withMaxModelLen(MAX_MODEL_LEN)
                .withMaxNumBatchedTokens(8192))) {
            core.addListener(new EngineListener() {
                @Override
                public void onStep(StepReport step) {
                    if (step.batch().size() == RUNNING && step.totalTokens() == RUNNING) {
                        stepNanos.add(step.endNanos() - step.startNanos());
                    }
                }
            });
            Random rng = new Random(2);
            int maxTokens = WARMUP_STEPS + MEASURED_STEPS;
            GenerationParams params = new GenerationParams(maxTokens, 0, true, -1, 0, SamplingParams.GREEDY);
            List<RequestStream> streams = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < RUNNING; i++) {
                streams.add(core.submit("r" + i, rng.ints(PROMPT, 0, 32000).toArray(), params));
            }
            for (RequestStream s : streams) {
                RequestOutput out;
                do {
                    out = s.take();
                } while (!out.finished());
            }
            double wall = (System.nanoTime() - start) / 1e3;
            System.out.printf(Locale.ROOT, "engine loop, zero-cost executor: %d steps in %.0f ms, %.1f µs per step"
                    + " (incl. delivering %d tokens per step)%n", executor.steps, wall / 1e3, wall / executor.steps,
                    RUNNING);
        }
        long[] decode = stepNanos.stream().skip(WARMUP_STEPS).mapToLong(Long::longValue).toArray();
        print("engine step (schedule+execute+update+report), decode", decode);
    }

    private static void print(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e3;
        System.out.printf(Locale.ROOT, "%-60s mean %7.1f µs  p50 %7.1f µs  p99 %7.1f µs  (%d steps)%n", label, mean,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, sorted.length);
    }

    /** Answers every step at once, so what is measured is the engine's own overhead. */
    private static final class ZeroCostExecutor implements ModelExecutor {
        private final ModelConfig config;
        private final int blocks;
        volatile long steps;

        ZeroCostExecutor(int maxModelLen, int blocks) {
            this.config = new ModelConfig("bench", 64, 1, 4, 4, 128, 32000, maxModelLen, 1e4, 1e-5, false, "float32");
            this.blocks = blocks;
        }

        @Override public ModelConfig config() { return config; }
        @Override public int profileNumKvBlocks(int blockSize, double util, int maxTokens) { return blocks; }
        @Override public void initializeKvCache(int numBlocks, int blockSize) {}
        @Override public void close() {}

        @Override
        public StepOutput execute(StepInput input) {
            steps++;
            Map<String, Integer> sampled = new HashMap<>();
            for (ScheduledSequence s : input.sequences()) {
                if (s.sample()) {
                    sampled.put(s.requestId(), 1);
                }
            }
            return new StepOutput(input.stepIndex(), sampled);
        }
    }
}
