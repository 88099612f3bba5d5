package dev.chronoscope.app.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines as {@code chronoscope calibrate} prints them (docs/calibration.md). */
class CalibrationProgressTest {

    @Test
    void aMeasuredShapeIsItsShareOfThePlan() {
        assertThat(CalibrationProgress.parse("[ 167/1459] attn_pre_proj            num_tokens=256 n_embd=256 tp=1                  1.52 ms  elapsed 0:39  ETA 4:23"))
                .contains(new CalibrationProgress(167 / 1459.0, "167/1459 attn_pre_proj num_tokens=256 n_embd=256 tp=1 1.52 ms elapsed 0:39 ETA 4:23"));
    }

    @Test
    void thePlanStartsAtZeroAndFittingHasNoKnownLength() {
        assertThat(CalibrationProgress.parse("profiling 196 shapes (cpu clock, vector API on, 2 processors)"))
                .contains(new CalibrationProgress(0, "profiling 196 shapes (cpu clock, vector API on, 2 processors)"));
        assertThat(CalibrationProgress.parse("fitting 18 kernel models..."))
                .contains(new CalibrationProgress(-1, "fitting 18 kernel models..."));
    }

    @Test
    void otherLinesAndImpossibleCountsAreNotProgress() {
        assertThat(CalibrationProgress.parse("KERNEL   SAMPLES FORM")).isEmpty();
        assertThat(CalibrationProgress.parse("store: /tmp/x/models.db")).isEmpty();
        assertThat(CalibrationProgress.parse("[5/3] mlp_act")).isEmpty();
        assertThat(CalibrationProgress.parse("[1/0] mlp_act")).isEmpty();
    }
}
