package dev.chronoscope.engine.kernels;

import java.util.Arrays;

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
        int outStride = l.numHeads() * l.headDim();
        float[] scores = new float[0];
        int[] rows = new int[0];
        for (int b = 0; b < batch; b++) {
            int qs = queryStart[qsOff + b], ql = queryLen[qlOff + b], ctx = contextLen[ctxOff + b];
            if (ctx == 0) {
                Arrays.fill(out, outOff + qs * outStride, outOff + (qs + ql) * outStride, 0f);
                continue;
            }
            if (rows.length < ctx) {
                rows = new int[ctx];
                scores = new float[ctx];
            }
            int table = tableOff + b * l.maxBlocksPerSeq();
            for (int t = 0; t < ctx; t++) {
                int slot = blockTables[table + t / l.blockSize()] * l.blockSize() + t % l.blockSize();
                rows[t] = slot * l.numKvHeads() * l.headDim();
            }
            for (int j = 0; j < ql; j++) {
                for (int h = 0; h < l.numHeads(); h++) {
                    head(l, qkv, qkvOff + (qs + j) * l.qkvStride() + h * l.headDim(), kCache, kOff, vCache, vOff,
                            rows, ctx - ql + j + 1, h / (l.numHeads() / l.numKvHeads()), scores,
                            out, outOff + (qs + j) * outStride + h * l.headDim());
                }
            }
        }
    }

    /** One query head over the first {@code len} context tokens, whose cache rows are {@code rows}. */
    private static void head(Layout l, float[] qkv, int q, float[] kCache, int kOff, float[] vCache, int vOff,
                             int[] rows, int len, int kvHead, float[] scores, float[] out, int o) {
        int hd = l.headDim(), headOff = kvHead * hd;
        float scale = (float) (1.0 / Math.sqrt(hd));
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < len; t++) {
            float s = Simd.dot(qkv, q, kCache, kOff + rows[t] + headOff, hd) * scale;
            scores[t] = s;
            if (s > max) max = s;
        }
        float sum = 0f;
        for (int t = 0; t < len; t++) {
            float e = (float) Math.exp(scores[t] - max);
            scores[t] = e;
            sum += e;
        }
        Arrays.fill(out, o, o + hd, 0f);
        for (int t = 0; t < len; t++) Simd.axpy(scores[t], vCache, vOff + rows[t] + headOff, out, o, hd);
        float inv = 1f / sum;
        for (int d = 0; d < hd; d++) out[o + d] *= inv;
    }
}
