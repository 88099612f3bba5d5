package dev.chronoscope.emulator.calibrate;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.TrainingRow;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FitChoiceTest {
    private static final RooflineSpec SPEC = BuiltInDeviceSpecs.get("cpu-local");

    /** {@code add} over 1–4096 tokens at two widths; its duration a function of the bytes it moves (OpCost: 6·tokens·width) and of the tokens. */
    private static List<TrainingRow> addRows(java.util.function.DoubleBinaryOperator nanosOfBytesAndTokens) {
        List<TrainingRow> rows = new ArrayList<>();
        for (int h : new int[]{256, 512}) {
            for (int n = 1; n <= 4096; n *= 2) {
                Features raw = Features.of("num_tokens", n, "n_embd", h, "n_head", h / 32, "n_kv_head", h / 64, "n_expanded_embd", 704,
                        "vocab_size", 512, "use_gated_mlp", 1, "tp", 1);
                rows.add(new TrainingRow(raw, nanosOfBytesAndTokens.applyAsDouble(6.0 * n * h, n)));
            }
        }
        return rows;
    }

    @Test
    void durationsLinearInTheWorkGetALinearModel() {
        // a per-token cost on top of the bytes: equal bytes at different widths differ, which no curve over bytes can follow
        FitOptions best = FitChoice.best("add", addRows((bytes, tokens) -> 300 + 0.1 * bytes + 40 * tokens), SPEC);
        assertThat(best.form()).isEqualTo(ModelForm.LINEAR);
    }

    @Test
    void aCostPerByteThatStepsUpBeyondACacheGetsACurveOverTheWork() {
        // 0.1 ns per byte while the working set fits in 1 MB, 0.4 ns per byte beyond it
        FitOptions best = FitChoice.best("add", addRows((bytes, tokens) -> 300 + 0.1 * bytes + 0.3 * Math.max(0, bytes - 1e6)), SPEC);
        assertThat(best.form()).isEqualTo(ModelForm.TABLE);
        assertThat(best.features()).containsAnyOf("bytes", "flops").hasSize(1);
    }

    @Test
    void tooFewSamplesForALinearModelStillGetACurve() {
        List<TrainingRow> three = addRows((bytes, tokens) -> 300 + 0.1 * bytes).subList(0, 3);
        assertThat(FitChoice.best("add", three, SPEC).form()).isEqualTo(ModelForm.TABLE);
    }

    @Test
    void everyCandidateIsBuiltFromWorkNotFromTheDevicesNominalFigures() {
        for (String k : dev.chronoscope.emulator.models.form.KernelNames.all()) {
            assertThat(FitChoice.candidates(k)).allSatisfy(o -> assertThat(o.features()).doesNotContain("roofline_ns", "spill_bytes", "spill_half_bytes"));
        }
    }
}
