package dev.chronoscope.emulator.validate;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuPressureTest {
    @Test
    void readsTheTotalOfAPsiLine() {
        assertThat(CpuPressure.parseTotal("some avg10=93.40 avg60=88.76 avg300=89.51 total=2422597237")).hasValue(2422597237L);
        assertThat(CpuPressure.parseTotal("some avg10=1.00")).isEmpty();
    }

    @Test
    void stallIsTheShareOfWallTimeSomeTaskWaited() {
        // 1.5 s of stall (µs) over 2 s of wall time (ns).
        assertThat(CpuPressure.stallPct(OptionalLong.of(1_000_000), OptionalLong.of(2_500_000), 2_000_000_000L)).isCloseTo(75.0, within(1e-9));
        assertThat(CpuPressure.stallPct(OptionalLong.empty(), OptionalLong.of(1), 1)).isNaN();
    }
}
