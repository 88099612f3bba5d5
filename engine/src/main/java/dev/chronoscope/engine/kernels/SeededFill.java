package dev.chronoscope.engine.kernels;

import dev.chronoscope.engine.device.CounterRng;

import dev.chronoscope.engine.device.FillSpec;

/** Executes a {@link FillSpec} on float storage. */
public final class SeededFill {
    private SeededFill() {}

    public static void apply(FillSpec spec, float[] data, int offset, int count) {
        switch (spec) {
            case FillSpec.Constant c -> java.util.Arrays.fill(data, offset, offset + count, c.value());
            case FillSpec.SeededUniform u -> {
                long mixedSeed = CounterRng.mix(u.seed());
                for (int r = 0; r < u.rows(); r++) {
                    long rowBase = (u.rowStart() + r) * u.rowStride();
                    int dst = offset + r * u.ld() + u.colOffset();
                    for (int c = 0; c < u.cols(); c++) {
                        long n = rowBase + (u.colStart() + c) * u.colStride();
                        double unit = (CounterRng.mix(mixedSeed + n * 0x9e3779b97f4a7c15L) >>> 11) * 0x1.0p-53;
                        data[dst + c] = (float) ((2 * unit - 1) * u.bound());
                    }
                }
            }
        }
    }
}
