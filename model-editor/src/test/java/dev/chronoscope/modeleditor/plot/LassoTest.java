package dev.chronoscope.modeleditor.plot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LassoTest {

    @Test void containsWhatIsInsideAConcavePolygon() {
        Lasso l = new Lasso();
        for (double[] p : new double[][]{{0, 0}, {10, 0}, {10, 10}, {5, 4}, {0, 10}}) l.add(p[0], p[1]);
        assertThat(l.contains(2, 2)).isTrue();
        assertThat(l.contains(9.5, 8)).as("right arm").isTrue();
        assertThat(l.contains(5, 8)).as("in the notch").isFalse();
        assertThat(l.contains(-1, 5)).isFalse();
    }
}
