package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.ModelConfigs;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints the real CPU throughput of a model (default {@code tiny}): decode tokens/s at several
 * batch sizes and prefill tokens/s, each measured after a warm-up pass over all of them (the JIT
 * needs it); each figure is the best (and median) of three rounds, since shared machines are noisy. Usage:
 * {@code ThroughputMain [model] [tp] [pp] [inproc|mp] [eager|graph] [batch...]}.
 */
public final class ThroughputMain {
    private static final int BLOCK_SIZE = 16, PROMPT = 32, WARMUP_STEPS = 32, MEASURED_STEPS = 64, ROUNDS = 3;

    private ThroughputMain() {}

    public static void main(String[] args) {
        ModelConfig config = ModelConfigs.resolve(args.length > 0 ? args[0] : "tiny");
        int tp = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int pp = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String backend = args.length > 3 ? args[3] : ExecutorOptions.INPROC;
        boolean eager = args.length > 4 && args[4].equals("eager");
        List<Integer> batches = new ArrayList<>();
        for (int i = 5; i < args.length; i++) batches.add(Integer.parseInt(args[i]));
        if (batches.isEmpty()) batches = List.of(1, 32);
        ExecutorOptions options = ExecutorOptions.defaults().withParallelism(tp, pp).withBackend(backend)
                .withEnforceEager(eager).withDeviceCapacity(256L << 20);
        System.out.printf("model %s, tp %d, pp %d, backend %s, %s, %d cores%n", config.name(), tp, pp, backend,
                eager ? "eager" : "graphs", Runtime.getRuntime().availableProcessors());
        try (ParallelExecutor ex = ModelExecutors.create(config, options)) {
            int maxBatch = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
            int blocksPerSeq = (PROMPT + WARMUP_STEPS + MEASURED_STEPS) / BLOCK_SIZE + 1;
            ex.initializeKvCache(maxBatch * blocksPerSeq + 4 * (512 / BLOCK_SIZE), BLOCK_SIZE);
            for (int batch : batches) decodeThroughput(ex, batch, blocksPerSeq);
            for (int batch : batches) {
                double[] runs = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) runs[r] = decodeThroughput(ex, batch, blocksPerSeq);
                java.util.Arrays.sort(runs);
                System.out.printf("decode batch %3d: best %8.1f tokens/s (%.2f ms per step), median %8.1f tokens/s%n",
                        batch, runs[ROUNDS - 1], 1000.0 * batch / runs[ROUNDS - 1], runs[ROUNDS / 2]);
            }
            int prefillBase = maxBatch * blocksPerSeq;
            for (int round = 0; round < ROUNDS; round++) prefill(ex, prefillBase);
            double best = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                prefill(ex, prefillBase);
                best = Math.max(best, 512 / ((System.nanoTime() - t0) / 1e9));
            }
            System.out.printf("prefill 512 tokens: best %8.1f tokens/s%n", best);
        }
    }

    private static double decodeThroughput(ParallelExecutor ex, int batch, int blocksPerSeq) {
        List<ScheduledSequence> step = new ArrayList<>();
        int[][] tables = new int[batch][blocksPerSeq];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < blocksPerSeq; k++) tables[b][k] = b * blocksPerSeq + k;
            int[] prompt = new int[PROMPT];
            for (int t = 0; t < PROMPT; t++) prompt[t] = 'a' + (b + t) % 26;
            step.add(new ScheduledSequence("r" + b, prompt, 0, tables[b], true, SamplingParams.GREEDY));
        }
        long start = 0;
        for (int s = 0; s < WARMUP_STEPS + MEASURED_STEPS; s++) {
            if (s == WARMUP_STEPS + 1) start = System.nanoTime();
            StepOutput out = ex.execute(new StepInput(s, step));
            List<ScheduledSequence> next = new ArrayList<>();
            for (ScheduledSequence q : step) {
                next.add(new ScheduledSequence(q.requestId(), new int[]{out.sampledTokens().get(q.requestId())},
                        q.numComputedTokens() + q.tokenIds().length, q.blockTable(), true, SamplingParams.GREEDY));
            }
            step = next;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return (MEASURED_STEPS - 1) * (double) batch / secs;
    }

    private static void prefill(ParallelExecutor ex, int firstBlock) {
        int[] table = new int[512 / BLOCK_SIZE];
        for (int k = 0; k < table.length; k++) table[k] = firstBlock + k;
        int[] prompt = new int[512];
        for (int t = 0; t < prompt.length; t++) prompt[t] = t % 256;
        ex.execute(new StepInput(0, List.of(new ScheduledSequence("p", prompt, 0, table, true, SamplingParams.GREEDY))));
    }
}
