package dev.chronoscope.emulator.models.fit;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.LinearModel;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.form.RooflineModel;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.form.TableModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelFitterTest {
    private static final RooflineSpec A100 = BuiltInDeviceSpecs.get("a100-80gb");

    private static List<TrainingRow> synthetic(double intercept, double a, double b) {
        Random r = new Random(7);
        List<TrainingRow> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double x1 = 1 + r.nextInt(1000), x2 = 1 + r.nextInt(50);
            rows.add(new TrainingRow(Features.of("x1", x1, "x2", x2), intercept + a * x1 + b * x2));
        }
        return rows;
    }

    private static FitOptions linear(Solver solver, double lambda) {
        return new FitOptions(ModelForm.LINEAR, List.of("1", "x1", "x2"), solver, lambda, 5, 8);
    }

    @Test
    void leastSquaresRecoversKnownCoefficients() {
        for (Solver s : List.of(Solver.OLS, Solver.NNLS)) {
            FitResult fit = new ModelFitter("custom", A100, linear(s, 0)).fit(synthetic(500, 2.5, 40));
            double[] c = ((LinearModel) fit.model()).coefficients();
            assertThat(c[0]).as(s + " intercept").isCloseTo(500, within(1e-6));
            assertThat(c[1]).as(s + " x1").isCloseTo(2.5, within(1e-9));
            assertThat(c[2]).as(s + " x2").isCloseTo(40, within(1e-8));
            assertThat(fit.metrics().r2()).isCloseTo(1, within(1e-12));
            assertThat(fit.metrics().mape()).isLessThan(1e-9);
            assertThat(fit.metrics().cvMape()).isLessThan(1e-9);
            assertThat(fit.outliers()).isEmpty();
        }
    }

    @Test
    void nonNegativeSolverClampsATermThatOrdinaryLeastSquaresMakesNegative() {
        List<TrainingRow> rows = synthetic(5000, 3, -20);
        double[] ols = ((LinearModel) new ModelFitter("custom", A100, linear(Solver.OLS, 0)).fit(rows).model()).coefficients();
        double[] nnls = ((LinearModel) new ModelFitter("custom", A100, linear(Solver.NNLS, 0)).fit(rows).model()).coefficients();
        assertThat(ols[2]).isCloseTo(-20, within(1e-8));
        assertThat(java.util.Arrays.stream(nnls).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(nnls[2]).isZero();
    }

    @Test
    void ridgeShrinksTowardsZeroAsThePenaltyGrows() {
        List<TrainingRow> rows = synthetic(500, 2.5, 40);
        double[] small = ((LinearModel) new ModelFitter("custom", A100, linear(Solver.RIDGE, 1e-9)).fit(rows).model()).coefficients();
        double[] large = ((LinearModel) new ModelFitter("custom", A100, linear(Solver.RIDGE, 10)).fit(rows).model()).coefficients();
        assertThat(small[1]).isCloseTo(2.5, within(1e-4));
        assertThat(Math.abs(large[1]) + Math.abs(large[2])).isLessThan(Math.abs(small[1]) + Math.abs(small[2]));
    }

    @Test
    void rooflineFitRecoversEfficiencyAndOverhead() {
        List<TrainingRow> rows = new ArrayList<>();
        for (int t = 1; t <= 4096; t *= 2) {
            Features f = Features.of("num_tokens", t, "n_embd", 4096, "n_expanded_embd", 11008, "tp", 1);
            double roofline = EngineeredFeatures.of("mlp_up_proj", f, A100).get(EngineeredFeatures.ROOFLINE_NS, 0);
            rows.add(new TrainingRow(f, 3000 + roofline / 0.62));
        }
        RooflineModel m = (RooflineModel) new ModelFitter("mlp_up_proj", A100, FitOptions.defaultsFor("mlp_up_proj").withForm(ModelForm.ROOFLINE)).fit(rows).model();
        assertThat(m.efficiency()).isCloseTo(0.62, within(1e-9));
        assertThat(m.overheadNanos()).isCloseTo(3000, within(1e-5));
    }

    @Test
    void tableInterpolatesBetweenKnotsPerKey() {
        List<TrainingRow> rows = new ArrayList<>();
        for (int w : new int[]{2, 4}) {
            for (int size = 1024; size <= 1 << 20; size *= 4) rows.add(new TrainingRow(Features.of("num_workers", w, "size", size), 1000 * w + size / 100.0));
        }
        FitResult fit = new ModelFitter("all_reduce", A100, new FitOptions(ModelForm.TABLE, List.of("num_workers", "size"), Solver.NNLS, 0, 2, 8)).fit(rows);
        TableModel t = (TableModel) fit.model();
        assertThat(t.rows()).hasSize(2);
        assertThat(t.predictNanos(Features.of("num_workers", 4, "size", 3072))).isCloseTo(4000 + 3072 / 100.0, within(1e-9));
        assertThat(t.predictNanos(Features.of("num_workers", 2, "size", 1024))).isCloseTo(2000 + 10.24, within(1e-9));
        assertThat(fit.metrics().mape()).isLessThan(1e-9);
    }

    @Test
    void outlierRuleMarksOnlyThePlantedSample() {
        List<TrainingRow> rows = new ArrayList<>(synthetic(500, 2.5, 40));
        Random noise = new Random(3);
        rows.replaceAll(r -> new TrainingRow(r.raw(), r.nanos() * (1 + 0.02 * noise.nextGaussian())));
        TrainingRow planted = rows.get(17);
        rows.set(17, new TrainingRow(planted.raw(), planted.nanos() * 3));
        FitResult fit = new ModelFitter("custom", A100, linear(Solver.NNLS, 0)).fit(rows);
        assertThat(fit.outliers()).containsExactly(17);
    }

    @Test
    void unknownFeatureIsNamedInTheError() {
        assertThatThrownBy(() -> new ModelFitter("custom", A100, new FitOptions(ModelForm.LINEAR, List.of("1", "nope"), Solver.OLS, 0, 5, 8))
                .fit(synthetic(1, 1, 1))).hasMessageContaining("unknown feature 'nope'");
    }

    @Test
    void dataHashDependsOnTheSamples() {
        List<TrainingRow> a = synthetic(500, 2.5, 40), b = synthetic(500, 2.5, 41);
        assertThat(ModelFitter.dataHash(a)).isEqualTo(ModelFitter.dataHash(synthetic(500, 2.5, 40))).isNotEqualTo(ModelFitter.dataHash(b));
    }
}
