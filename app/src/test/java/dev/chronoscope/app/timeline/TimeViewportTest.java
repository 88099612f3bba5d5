package dev.chronoscope.app.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeViewportTest {

    @Test
    void zoomKeepsTheAnchorTimeUnderTheSamePixel() {
        TimeViewport v = new TimeViewport(0, 1_000_000);
        TimeViewport z = v.zoom(4, 250_000);

        assertThat(z.span()).isCloseTo(250_000, within(1e-6));
        assertThat(z.xOf(250_000, 1000)).isCloseTo(v.xOf(250_000, 1000), within(1e-6));
    }

    @Test
    void panShiftsWithoutChangingTheSpan() {
        TimeViewport v = new TimeViewport(1_000, 2_000).pan(500);
        assertThat(v.start()).isEqualTo(1_500);
        assertThat(v.end()).isEqualTo(2_500);
    }

    @Test
    void neverZoomsNarrowerThanTheMinimumSpan() {
        TimeViewport v = new TimeViewport(0, 1_000).zoom(1e9, 500);
        assertThat(v.span()).isEqualTo(TimeViewport.MIN_SPAN);
    }

    @Test
    void fitAddsAMarginOnBothSides() {
        TimeViewport v = TimeViewport.fit(1_000_000, 2_000_000);
        assertThat(v.start()).isEqualTo(980_000);
        assertThat(v.end()).isEqualTo(2_020_000);
    }

    @Test
    void tickLabelsUseTheValuesUnitAndTheStepsDecimals() {
        assertThat(TimeFormat.tick(11_395_500_000.0, 500_000)).isEqualTo("11.3955 s");
        assertThat(TimeFormat.tick(-1e-7, 5e9)).isEqualTo("0 s");
        assertThat(TimeFormat.tick(2_000_000, 1_000_000)).isEqualTo("2 ms");
        assertThat(TimeFormat.niceStep(3_300)).isEqualTo(5_000);
    }
}
