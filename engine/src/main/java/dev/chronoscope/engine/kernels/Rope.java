package dev.chronoscope.engine.kernels;

/**
 * Rotary position embedding in the HuggingFace Llama convention ({@code rotate_half}): element
 * {@code i} and {@code i + headDim/2} of a head rotate together by {@code position · invFreq[i]}.
 * Like vLLM it reads cosines and sines from a per-position table ({@code RopeScaling#cosSinTable})
 * rather than computing them.
 */
public final class Rope {
    private Rope() {}

    /** Rotates {@code numHeads} heads of each row in place; head {@code h} of row {@code t} starts at {@code off + t·rowStride + h·headDim}. */
    public static void apply(float[] x, int off, int rowStride, int rows, int numHeads, int headDim,
                             int[] positions, int posOff, float[] cosSin, int tableOff) {
        int half = headDim / 2;
        for (int t = 0; t < rows; t++) {
            int c = tableOff + positions[posOff + t] * headDim;
            for (int h = 0; h < numHeads; h++) {
                int base = off + t * rowStride + h * headDim;
                for (int i = 0; i < half; i++) {
                    float x1 = x[base + i], x2 = x[base + i + half];
                    float cos = cosSin[c + i], sin = cosSin[c + half + i];
                    x[base + i] = x1 * cos - x2 * sin;
                    x[base + i + half] = x2 * cos + x1 * sin;
                }
            }
        }
    }
}
