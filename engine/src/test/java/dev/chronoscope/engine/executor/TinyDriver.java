package dev.chronoscope.engine.executor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal stand-in for the scheduler in tests: prefills prompts in one step, then decodes them
 * greedily, handing out KV blocks from a counter (optionally in a scrambled order).
 */
final class TinyDriver {
    static final int BLOCK_SIZE = 16;

    private final ParallelExecutor executor;
    private final int blockStride;
    private int nextBlock;

    TinyDriver(ParallelExecutor executor, int blockStride) {
        this.executor = executor;
        this.blockStride = blockStride;
    }

    /** The logits of every sampled row, per step: step 0 is the prefill, then one per decode step. */
    List<Map<String, float[]>> run(int[][] prompts, int decodeSteps, SamplingParams sampling) {
        Map<String, List<Integer>> tokens = new LinkedHashMap<>();
        Map<String, List<Integer>> blocks = new LinkedHashMap<>();
        List<Map<String, float[]>> logits = new ArrayList<>();
        List<ScheduledSequence> step = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            String id = "req-" + i;
            tokens.put(id, new ArrayList<>());
            for (int t : prompts[i]) tokens.get(id).add(t);
            blocks.put(id, new ArrayList<>());
            step.add(sequence(id, prompts[i], 0, blocks.get(id), prompts[i].length, sampling));
        }
        for (int s = 0; s <= decodeSteps; s++) {
            var result = executor.executeWithLogits(new StepInput(s, step));
            logits.add(result.logits());
            List<ScheduledSequence> next = new ArrayList<>();
            for (var e : result.sampledTokens().entrySet()) {
                List<Integer> seq = tokens.get(e.getKey());
                int computed = seq.size();
                seq.add(e.getValue());
                next.add(sequence(e.getKey(), new int[]{e.getValue()}, computed, blocks.get(e.getKey()), computed + 1, sampling));
            }
            step = next;
        }
        return logits;
    }

    private ScheduledSequence sequence(String id, int[] chunk, int computed, List<Integer> table, int length, SamplingParams sp) {
        while (table.size() * BLOCK_SIZE < length) {
            table.add(nextBlock);
            nextBlock += blockStride;
        }
        return new ScheduledSequence(id, chunk, computed, table.stream().mapToInt(Integer::intValue).toArray(), true, sp);
    }

    static int[][] prompts() {
        return new int[][]{
                bytes("Hello, tiny model!"),
                bytes("Chronoscope"),
                bytes("paged attention over sixteen-token blocks spans two")};
    }

    private static int[] bytes(String s) {
        return s.chars().toArray();
    }
}
