package dev.chronoscope.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Simd}'s loops with the Vector API. Loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorOps {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorOps() {}

    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector va = FloatVector.broadcast(SPECIES, a);
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xOff + j).fma(va, FloatVector.fromArray(SPECIES, y, yOff + j)).intoArray(y, yOff + j);
        }
        for (; j < len; j++) y[yOff + j] = Math.fma(a, x[xOff + j], y[yOff + j]);
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int j = 0;
        for (int bound = SPECIES.loopBound(len); j < bound; j += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, a, aOff + j).fma(FloatVector.fromArray(SPECIES, b, bOff + j), acc);
        }
        // lanes summed in a fixed order: reduceLanes' order differs between interpreted and compiled code
        float sum = 0f;
        for (int lane = 0; lane < SPECIES.length(); lane++) sum += acc.lane(lane);
        for (; j < len; j++) sum = Math.fma(a[aOff + j], b[bOff + j], sum);
        return sum;
    }
}
