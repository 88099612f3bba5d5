package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.executor.ScheduledSequence;

import java.util.ArrayList;
import java.util.List;

/**
 * The host-side metadata of one step, laid out as the kernels read it: token ids, positions and
 * KV slots per token; prefill and decode attention groups; the rows to sample and how.
 */
final class StepBatch {

    /** The sequences of one attention launch. Block tables are {@code batch × maxBlocksPerSeq}. */
    record AttentionGroup(int batch, int[] queryStart, int[] queryLen, int[] contextLen, int[] blockTables,
                          long sumQKv, long sumKv) {}

    final int numTokens;
    final int[] inputIds, positions, slots;
    final AttentionGroup prefill, decode;
    final int numSampled;
    final int[] sampleRows, topK;
    final float[] temperature, topP;
    final long[] seeds, counters;
    final List<String> sampledRequests;

    private StepBatch(int numTokens, int[] inputIds, int[] positions, int[] slots, AttentionGroup prefill,
                      AttentionGroup decode, List<String> sampledRequests, int[] sampleRows, float[] temperature,
                      float[] topP, int[] topK, long[] seeds, long[] counters) {
        this.numTokens = numTokens;
        this.inputIds = inputIds;
        this.positions = positions;
        this.slots = slots;
        this.prefill = prefill;
        this.decode = decode;
        this.sampledRequests = sampledRequests;
        this.numSampled = sampleRows.length;
        this.sampleRows = sampleRows;
        this.temperature = temperature;
        this.topP = topP;
        this.topK = topK;
        this.seeds = seeds;
        this.counters = counters;
    }

    static boolean isDecode(ScheduledSequence s) { return s.tokenIds().length == 1 && s.numComputedTokens() > 0; }

    /**
     * Builds the metadata of a step that passed {@link StepChecks}; with {@code padTo > sequences.size()} (pure decode steps replayed as a
     * graph) adds padding sequences: token 0 at position 0, no KV slot, empty context.
     */
    static StepBatch of(List<ScheduledSequence> sequences, int blockSize, int maxBlocksPerSeq, int padTo) {
        int real = sequences.stream().mapToInt(s -> s.tokenIds().length).sum();
        int n = Math.max(real, padTo);
        int[] ids = new int[n], pos = new int[n], slots = new int[n];
        java.util.Arrays.fill(slots, -1);
        List<int[]> pre = new ArrayList<>(), dec = new ArrayList<>();
        List<ScheduledSequence> preSeqs = new ArrayList<>(), decSeqs = new ArrayList<>();
        List<String> sampled = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<SamplingParams> params = new ArrayList<>();
        List<Long> counters = new ArrayList<>();
        int t = 0;
        for (ScheduledSequence s : sequences) {
            int len = s.tokenIds().length;
            int ctx = s.numComputedTokens() + len;
            for (int j = 0; j < len; j++) {
                int p = s.numComputedTokens() + j;
                ids[t + j] = s.tokenIds()[j];
                pos[t + j] = p;
                slots[t + j] = s.blockTable()[p / blockSize] * blockSize + p % blockSize;
            }
            (isDecode(s) ? dec : pre).add(new int[]{t, len, ctx});
            (isDecode(s) ? decSeqs : preSeqs).add(s);
            if (s.sample()) {
                sampled.add(s.requestId());
                rows.add(t + len - 1);
                params.add(s.sampling());
                counters.add((long) ctx);
            }
            t += len;
        }
        for (int p = real; p < n; p++) {
            dec.add(new int[]{p, 1, 0});
            decSeqs.add(null);
            rows.add(p);
            params.add(SamplingParams.GREEDY);
            counters.add(0L);
        }
        int s = rows.size();
        float[] temp = new float[s], topP = new float[s];
        int[] topK = new int[s], sampleRows = new int[s];
        long[] seeds = new long[s], ctr = new long[s];
        for (int i = 0; i < s; i++) {
            SamplingParams sp = params.get(i);
            sampleRows[i] = rows.get(i);
            temp[i] = (float) sp.temperature();
            topP[i] = (float) sp.topP();
            topK[i] = sp.topK();
            seeds[i] = sp.seed();
            ctr[i] = counters.get(i);
        }
        return new StepBatch(n, ids, pos, slots, group(pre, preSeqs, maxBlocksPerSeq), group(dec, decSeqs, maxBlocksPerSeq),
                List.copyOf(sampled), sampleRows, temp, topP, topK, seeds, ctr);
    }

    private static AttentionGroup group(List<int[]> entries, List<ScheduledSequence> seqs, int maxBlocks) {
        int b = entries.size();
        int[] qs = new int[b], ql = new int[b], ctx = new int[b], tables = new int[b * maxBlocks];
        long sumQKv = 0, sumKv = 0;
        for (int i = 0; i < b; i++) {
            int[] e = entries.get(i);
            qs[i] = e[0];
            ql[i] = e[1];
            ctx[i] = e[2];
            sumQKv += (long) e[1] * e[2];
            sumKv += e[2];
            ScheduledSequence s = seqs.get(i);
            if (s != null) System.arraycopy(s.blockTable(), 0, tables, i * maxBlocks, Math.min(maxBlocks, s.blockTable().length));
        }
        return new AttentionGroup(b, qs, ql, ctx, tables, sumQKv, sumKv);
    }
}
