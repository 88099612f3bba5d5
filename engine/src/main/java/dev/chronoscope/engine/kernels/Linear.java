package dev.chronoscope.engine.kernels;

/**
 * {@code out[n×o] = x[n×i] · wT[i×o]}: weights are stored transposed (input-major) so the inner
 * loop is a contiguous multiply-add over output columns, which the JIT vectorises. Rows are
 * processed in blocks that share each weight row while it is in L1; columns in blocks so the
 * output rows stay in L1. The inner loop is {@link Simd#axpy}.
 */
public final class Linear {
    private static final int ROW_BLOCK = 8;
    private static final int COL_BLOCK = 1024;

    private Linear() {}

    public static void matmul(float[] x, int xOff, float[] wT, int wOff, float[] out, int outOff,
                              int rows, int inDim, int outDim) {
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int c0 = 0; c0 < outDim; c0 += COL_BLOCK) {
                int c1 = Math.min(outDim, c0 + COL_BLOCK);
                for (int r = r0; r < r1; r++) java.util.Arrays.fill(out, outOff + r * outDim + c0, outOff + r * outDim + c1, 0f);
                for (int i = 0; i < inDim; i++) {
                    int wRow = wOff + i * outDim;
                    for (int r = r0; r < r1; r++) {
                        float a = x[xOff + r * inDim + i];
                        if (a == 0f) continue;
                        Simd.axpy(a, wT, wRow + c0, out, outOff + r * outDim + c0, c1 - c0);
                    }
                }
            }
        }
    }
}
