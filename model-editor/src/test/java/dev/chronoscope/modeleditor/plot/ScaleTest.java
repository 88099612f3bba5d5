package dev.chronoscope.modeleditor.plot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScaleTest {

    @Test void aLogScaleMapsDecadesToEqualDistancesAndHasNoPlaceForZero() {
        Scale s = new Scale(1, 1000, true, 0, 300);
        assertThat(s.toPixel(1)).isCloseTo(0, within(1e-9));
        assertThat(s.toPixel(10)).isCloseTo(100, within(1e-9));
        assertThat(s.toPixel(1000)).isCloseTo(300, within(1e-9));
        assertThat(s.toPixel(0)).isNaN();
        assertThat(s.ticks()).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0);
    }

    @Test void aLinearScaleCanRunUpwardOnScreenAndTicksInOneTwoFiveSteps() {
        Scale s = new Scale(-40, 30, false, 200, 0);
        assertThat(s.toPixel(-40)).isEqualTo(200);
        assertThat(s.toPixel(30)).isEqualTo(0);
        assertThat(s.ticks()).containsExactly(-40.0, -30.0, -20.0, -10.0, 0.0, 10.0, 20.0, 30.0);
    }

    @Test void fittingIgnoresWhatTheScaleCannotShowAndPadsTheRange() {
        Scale s = Scale.fit(new double[]{-5, 0, 10, 1000, Double.NaN}, true, 0, 100);
        assertThat(s.min()).isLessThan(10).isGreaterThan(0);
        assertThat(s.max()).isGreaterThan(1000);
        Scale flat = Scale.fit(new double[]{7, 7}, false, 0, 100);
        assertThat(flat.min()).isLessThan(7);
        assertThat(flat.max()).isGreaterThan(7);
    }

    @Test void labelsAreShort() {
        assertThat(Scale.format(1500)).isEqualTo("1.5k");
        assertThat(Scale.format(2e7)).isEqualTo("20M");
        assertThat(Scale.format(0.25)).isEqualTo("0.25");
        assertThat(Scale.format(3e-7)).isEqualTo("3e-07");
    }
}
