package dev.chronoscope.engine.kernels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimdTest {

    @Test
    void theTestJvmUsesTheVectorPath() {
        assertThat(Simd.vectorised()).isTrue();
    }

    @Test
    void vectorAndScalarAxpyGiveTheSameBits() {
        java.util.Random r = new java.util.Random(4);
        int len = 1000 + 13;
        float[] w = new float[len], a = new float[len], b = new float[len];
        for (int i = 0; i < len; i++) {
            w[i] = r.nextFloat() - 0.5f;
            a[i] = b[i] = r.nextFloat();
        }
        VectorOps.axpy(0.37f, w, 0, a, 0, len);
        Simd.scalarAxpy(0.37f, w, 0, b, 0, len);
        assertThat(a).containsExactly(b);
    }

    @Test
    void vectorAndScalarDotAgree() {
        java.util.Random r = new java.util.Random(5);
        int len = 77;
        float[] a = new float[len + 3], b = new float[len + 5];
        double expect = 0;
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < len; i++) expect += (double) a[3 + i] * b[5 + i];
        assertThat(VectorOps.dot(a, 3, b, 5, len)).isCloseTo((float) expect, within(1e-5f));
        assertThat(Simd.scalarDot(a, 3, b, 5, len)).isCloseTo((float) expect, within(1e-5f));
    }
}
