package dev.chronoscope.engine.kernels;

/**
 * The two inner loops every heavy kernel spends its time in. With {@code jdk.incubator.vector} in
 * the JVM they run on the Vector API (several times faster than what the JIT makes of the scalar
 * loops); otherwise as scalar loops. One JVM always uses one path, so results are reproducible.
 */
public final class Simd {
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Simd() {}

    /** Whether the Vector API path is in use. */
    public static boolean vectorised() { return VECTOR; }

    /** {@code y[0, len) += a · x[0, len)}. */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        if (VECTOR) VectorOps.axpy(a, x, xOff, y, yOff, len);
        else scalarAxpy(a, x, xOff, y, yOff, len);
    }

    public static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        return VECTOR ? VectorOps.dot(a, aOff, b, bOff, len) : scalarDot(a, aOff, b, bOff, len);
    }

    static void scalarAxpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int j = 0; j < len; j++) y[yOff + j] = Math.fma(a, x[xOff + j], y[yOff + j]);
    }

    /** Four independent sums, so the loop is not bound by the latency of one accumulator. */
    static float scalarDot(float[] a, int aOff, float[] b, int bOff, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 4 <= len; j += 4) {
            s0 = Math.fma(a[aOff + j], b[bOff + j], s0);
            s1 = Math.fma(a[aOff + j + 1], b[bOff + j + 1], s1);
            s2 = Math.fma(a[aOff + j + 2], b[bOff + j + 2], s2);
            s3 = Math.fma(a[aOff + j + 3], b[bOff + j + 3], s3);
        }
        for (; j < len; j++) s0 = Math.fma(a[aOff + j], b[bOff + j], s0);
        return (s0 + s1) + (s2 + s3);
    }
}
