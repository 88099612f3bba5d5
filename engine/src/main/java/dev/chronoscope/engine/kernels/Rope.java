package dev.chronoscope.engine.kernels;

/**
 * Rotary position embedding in the HuggingFace Llama convention ({@code rotate_half}): element
 * {@code i} and {@code i + headDim/2} of a head rotate together by {@code position · invFreq[i]}.
 */
public final class Rope {
    private Rope() {}

    /** Rotates {@code numHeads} heads of each row in place; head {@code h} of row {@code t} starts at {@code off + t·rowStride + h·headDim}. */
    public static void apply(float[] x, int off, int rowStride, int rows, int numHeads, int headDim,
                             int[] positions, int posOff, float[] invFreq, int freqOff) {
        int half = headDim / 2;
        double[] cos = new double[half];
        double[] sin = new double[half];
        for (int t = 0; t < rows; t++) {
            int pos = positions[posOff + t];
            for (int i = 0; i < half; i++) {
                double angle = pos * (double) invFreq[freqOff + i];
                cos[i] = Math.cos(angle);
                sin[i] = Math.sin(angle);
            }
            for (int h = 0; h < numHeads; h++) {
                int base = off + t * rowStride + h * headDim;
                for (int i = 0; i < half; i++) {
                    double x1 = x[base + i], x2 = x[base + i + half];
                    x[base + i] = (float) (x1 * cos[i] - x2 * sin[i]);
                    x[base + i + half] = (float) (x2 * cos[i] + x1 * sin[i]);
                }
            }
        }
    }
}
