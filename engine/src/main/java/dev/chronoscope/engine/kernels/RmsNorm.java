package dev.chronoscope.engine.kernels;

/** {@code out = x / sqrt(mean(x²) + eps) · weight}, per row (RMSNorm as in Llama). */
public final class RmsNorm {
    private RmsNorm() {}

    public static void apply(float[] x, int xOff, float[] weight, int wOff, float[] out, int outOff,
                             int rows, int dim, double eps) {
        for (int r = 0; r < rows; r++) {
            int base = xOff + r * dim;
            double sumSq = 0;
            for (int j = 0; j < dim; j++) sumSq += (double) x[base + j] * x[base + j];
            float scale = (float) (1.0 / Math.sqrt(sumSq / dim + eps));
            int o = outOff + r * dim;
            for (int j = 0; j < dim; j++) out[o + j] = x[base + j] * scale * weight[wOff + j];
        }
    }
}
