package dev.chronoscope.engine.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RopeScalingTest {

    @Test
    void defaultFrequenciesAreInversePowersOfTheta() {
        double[] inv = RopeScaling.NONE.inverseFrequencies(4, 10000.0);
        assertThat(inv).containsExactly(1.0, 0.01);
    }

    @Test
    void linearScalingDividesEveryFrequency() {
        double[] inv = RopeScaling.linear(4.0).inverseFrequencies(4, 10000.0);
        assertThat(inv).containsExactly(0.25, 0.0025);
    }

    @Test
    void llama3ScalingKeepsHighFrequenciesDividesLowOnesAndBlendsBetween() {
        RopeScaling s = RopeScaling.llama3(8.0, 1.0, 4.0, 8192);
        double[] inv = s.inverseFrequencies(128, 500000.0);
        // wavelength 2π < 8192/4: unchanged
        assertThat(inv[0]).isEqualTo(1.0);
        // the lowest frequency has a wavelength far above 8192: divided by the factor
        assertThat(inv[63]).isCloseTo(Math.pow(500000.0, -126.0 / 128) / 8, within(1e-18));
        // i = 30: 2π/inv = 2π·500000^(60/128) ≈ 2950, between 8192/4 and 8192 → smoothed
        double raw = Math.pow(500000.0, -60.0 / 128);
        double smooth = (8192 / (2 * Math.PI / raw) - 1.0) / (4.0 - 1.0);
        assertThat(inv[30]).isCloseTo((1 - smooth) * raw / 8 + smooth * raw, within(1e-15));
        assertThat(smooth).isBetween(0.0, 1.0);
    }
}
