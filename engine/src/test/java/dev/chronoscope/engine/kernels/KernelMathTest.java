package dev.chronoscope.engine.kernels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Kernels against values worked out by hand. */
class KernelMathTest {

    @Test
    void rmsNormScalesByTheRootMeanSquare() {
        float[] x = {1, 2, 3, 4}, w = {1, 1, 2, 2}, out = new float[4];
        RmsNorm.apply(x, 0, w, 0, out, 0, 1, 4, 0.0);
        double inv = 1 / Math.sqrt(7.5); // mean of 1+4+9+16 = 7.5
        assertThat(out[0]).isCloseTo((float) inv, within(1e-6f));
        assertThat(out[1]).isCloseTo((float) (2 * inv), within(1e-6f));
        assertThat(out[2]).isCloseTo((float) (6 * inv), within(1e-6f));
        assertThat(out[3]).isCloseTo((float) (8 * inv), within(1e-6f));
    }

    @Test
    void rmsNormEpsilonEntersUnderTheRoot() {
        float[] x = {0, 0}, w = {1, 1}, out = {9, 9};
        RmsNorm.apply(x, 0, w, 0, out, 0, 1, 2, 1e-5);
        assertThat(out).containsExactly(0f, 0f);
    }

    @Test
    void ropeRotatesHalvesByPositionTimesFrequency() {
        // head dim 4, theta 10000: inverse frequencies 1 and 0.01; position 1
        float[] x = {1, 2, 3, 4};
        float[] table = dev.chronoscope.engine.model.RopeScaling.cosSinTable(new double[]{1, 0.01}, 2);
        Rope.apply(x, 0, 4, 1, 1, 4, new int[]{1}, 0, table, 0);
        assertThat(x[0]).isCloseTo((float) (1 * Math.cos(1) - 3 * Math.sin(1)), within(1e-6f));
        assertThat(x[2]).isCloseTo((float) (3 * Math.cos(1) + 1 * Math.sin(1)), within(1e-6f));
        assertThat(x[1]).isCloseTo((float) (2 * Math.cos(0.01) - 4 * Math.sin(0.01)), within(1e-6f));
        assertThat(x[3]).isCloseTo((float) (4 * Math.cos(0.01) + 2 * Math.sin(0.01)), within(1e-6f));
    }

    @Test
    void ropeAtPositionZeroIsIdentity() {
        float[] x = {1, 2, 3, 4};
        Rope.apply(x, 0, 4, 1, 1, 4, new int[]{0}, 0, dev.chronoscope.engine.model.RopeScaling.cosSinTable(new double[]{1, 0.01}, 2), 0);
        assertThat(x).containsExactly(1, 2, 3, 4);
    }

    @Test
    void matmulUsesTransposedWeights() {
        // x = [[1, 2]], W (out × in) = [[1, 0], [2, 3], [0, 1]] → wT = [[1, 2, 0], [0, 3, 1]]
        float[] x = {1, 2}, wT = {1, 2, 0, 0, 3, 1}, out = new float[3];
        Linear.matmul(x, 0, wT, 0, out, 0, 1, 2, 3);
        assertThat(out).containsExactly(1, 8, 2);
    }

    @Test
    void matmulAgreesWithANaiveProductAcrossBlockBoundaries() {
        int rows = 11, in = 37, outDim = 1500;
        java.util.Random r = new java.util.Random(1);
        float[] x = new float[rows * in], wT = new float[in * outDim], out = new float[rows * outDim];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < wT.length; i++) wT[i] = r.nextFloat() - 0.5f;
        Linear.matmul(x, 0, wT, 0, out, 0, rows, in, outDim);
        for (int row = 0; row < rows; row += 5) {
            for (int o = 0; o < outDim; o += 97) {
                double expect = 0;
                for (int i = 0; i < in; i++) expect += x[row * in + i] * wT[i * outDim + o];
                assertThat(out[row * outDim + o]).isCloseTo((float) expect, within(1e-4f));
            }
        }
    }

    @Test
    void attentionOverOneTokenReturnsItsValue() {
        var layout = new PagedAttention.Layout(2, 1, 2, 8, 4, 2);
        // qkv row: q heads (2×2), k (2), v (2)
        float[] qkv = {1, 0, 0, 1, 0, 0, 0, 0};
        float[] k = new float[8 * 2], v = new float[8 * 2];
        int slot = 1 * 4 + 0; // block 1, offset 0
        k[slot * 2] = 3;
        v[slot * 2] = 5;
        v[slot * 2 + 1] = 7;
        float[] out = new float[4];
        PagedAttention.apply(layout, qkv, 0, k, 0, v, 0, new int[]{0}, 0, new int[]{1}, 0, new int[]{1}, 0,
                new int[]{1, 0}, 0, 1, out, 0);
        assertThat(out).containsExactly(5, 7, 5, 7);
    }

    @Test
    void greedySamplingTakesTheFirstMaximum() {
        assertThat(Sampler.sample(new float[]{0.1f, 3f, 3f, -1f}, 0, 1, -1, 0, 0)).isEqualTo(1);
    }

    @Test
    void topKOfOneIsGreedyAtAnyTemperature() {
        float[] logits = {0.5f, 0.2f, 0.9f, 0.1f};
        for (long counter = 0; counter < 20; counter++) assertThat(Sampler.sample(logits, 1.5, 1.0, 1, 42, counter)).isEqualTo(2);
    }

    @Test
    void seededSamplingIsReproducibleAndFollowsTheDistribution() {
        float[] logits = {0f, (float) Math.log(3)}; // probabilities 1/4, 3/4
        int ones = 0;
        for (long c = 0; c < 4000; c++) {
            int t = Sampler.sample(logits, 1.0, 1.0, -1, 9, c);
            assertThat(Sampler.sample(logits, 1.0, 1.0, -1, 9, c)).isEqualTo(t);
            ones += t;
        }
        assertThat(ones / 4000.0).isCloseTo(0.75, within(0.03));
    }

    @Test
    void topPKeepsTheSmallestNucleus() {
        float[] logits = {(float) Math.log(0.6), (float) Math.log(0.3), (float) Math.log(0.1)};
        for (long c = 0; c < 200; c++) {
            assertThat(Sampler.sample(logits, 1.0, 0.5, -1, 3, c)).isEqualTo(0);
            assertThat(Sampler.sample(logits, 1.0, 0.85, -1, 3, c)).isIn(0, 1);
        }
    }
}
