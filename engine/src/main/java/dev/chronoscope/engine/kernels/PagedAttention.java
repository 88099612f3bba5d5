package dev.chronoscope.engine.kernels;

/**
 * Causal attention of a batch of sequences against a paged KV cache. The cache holds
 * {@code [slot][kvHead][headDim]} with {@code slot = block · blockSize + offset}; a sequence's
 * blocks come from its row of the block table. Query token {@code j} of a sequence whose context
 * is {@code ctx} tokens long (of which the last {@code qLen} are the queries) sits at position
 * {@code ctx − qLen + j} and attends to positions {@code 0..} that one. A sequence with context 0
 * is padding: its output rows are zeroed.
 */
public final class PagedAttention {
    private PagedAttention() {}

    public record Layout(int numHeads, int numKvHeads, int headDim, int qkvStride, int blockSize, int maxBlocksPerSeq) {}

    public static void apply(Layout l, float[] qkv, int qkvOff, float[] kCache, int kOff, float[] vCache, int vOff,
                             int[] queryStart, int qsOff, int[] queryLen, int qlOff, int[] contextLen, int ctxOff,
                             int[] blockTables, int tableOff, int batch, float[] out, int outOff) {
        int hd = l.headDim();
        int groups = l.numHeads() / l.numKvHeads();
        int outStride = l.numHeads() * hd;
        double scale = 1.0 / Math.sqrt(hd);
        float[] scores = new float[0];
        float[] acc = new float[hd];
        for (int b = 0; b < batch; b++) {
            int qs = queryStart[qsOff + b], ql = queryLen[qlOff + b], ctx = contextLen[ctxOff + b];
            if (ctx == 0) {
                for (int j = 0; j < ql; j++) java.util.Arrays.fill(out, outOff + (qs + j) * outStride, outOff + (qs + j + 1) * outStride, 0f);
                continue;
            }
            if (scores.length < ctx) scores = new float[ctx];
            int table = tableOff + b * l.maxBlocksPerSeq();
            for (int j = 0; j < ql; j++) {
                int row = qs + j;
                int last = ctx - ql + j;
                for (int h = 0; h < l.numHeads(); h++) {
                    int kvh = h / groups;
                    int q = qkvOff + row * l.qkvStride() + h * hd;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t <= last; t++) {
                        int slot = blockTables[table + t / l.blockSize()] * l.blockSize() + t % l.blockSize();
                        int k = kOff + (slot * l.numKvHeads() + kvh) * hd;
                        float dot = 0f;
                        for (int d = 0; d < hd; d++) dot += qkv[q + d] * kCache[k + d];
                        scores[t] = (float) (dot * scale);
                        if (scores[t] > max) max = scores[t];
                    }
                    double sum = 0;
                    for (int t = 0; t <= last; t++) {
                        float e = (float) Math.exp(scores[t] - max);
                        scores[t] = e;
                        sum += e;
                    }
                    java.util.Arrays.fill(acc, 0f);
                    for (int t = 0; t <= last; t++) {
                        int slot = blockTables[table + t / l.blockSize()] * l.blockSize() + t % l.blockSize();
                        int v = vOff + (slot * l.numKvHeads() + kvh) * hd;
                        float p = scores[t];
                        for (int d = 0; d < hd; d++) acc[d] += p * vCache[v + d];
                    }
                    int o = outOff + row * outStride + h * hd;
                    float inv = (float) (1.0 / sum);
                    for (int d = 0; d < hd; d++) out[o + d] = acc[d] * inv;
                }
            }
        }
    }
}
