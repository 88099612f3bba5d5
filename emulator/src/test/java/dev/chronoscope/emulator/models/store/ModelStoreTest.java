package dev.chronoscope.emulator.models.store;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.TestSamples;
import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.form.FeatureRanges;
import dev.chronoscope.emulator.models.form.LinearModel;
import dev.chronoscope.emulator.models.form.RooflineModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelStoreTest {
    @TempDir Path dir;

    private static NewVersion version(String device, String kernel, Long parent, double overhead) {
        return new NewVersion(device, kernel, parent, new RooflineModel(0.5, overhead), new FeatureRanges(Map.of("num_tokens", new double[]{1, 64})),
                "hash", new FitMetrics(0.9, 5, 6, 20, 10), "tester", "note");
    }

    @Test
    void versionsAreImmutableAndActivationIsAPointerSwap() throws SQLException {
        Path file = dir.resolve("m.db");
        try (ModelStore store = ModelStore.open(file)) {
            ModelVersion v1 = store.saveVersion(version("h100-sxm", "add", null, 1000));
            ModelVersion v2 = store.saveVersion(version("h100-sxm", "add", v1.id(), 2000));
            assertThat(store.active("h100-sxm", "add")).isEmpty();
            store.activate(v1.id());
            assertThat(store.active("h100-sxm", "add")).map(ModelVersion::id).contains(v1.id());
            store.activate(v2.id());
            assertThat(store.active("h100-sxm", "add")).map(ModelVersion::id).contains(v2.id());
            assertThat(store.version(v2.id()).orElseThrow().parentId()).isEqualTo(v1.id());
            assertThat(store.versions("h100-sxm", "add")).extracting(ModelVersion::id).containsExactly(v1.id(), v2.id());
            store.activate(v1.id());
            assertThat(((RooflineModel) store.active("h100-sxm", "add").orElseThrow().model()).overheadNanos()).isEqualTo(1000);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE model_versions SET note = 'edited'")).hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM model_versions")).hasMessageContaining("never deleted");
        }
        try (ModelStore store = ModelStore.open(file)) {
            assertThat(store.allVersions()).extracting(ModelVersion::note).containsOnly("note");
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void deactivatingLeavesTheKernelOnItsDefaultAndKeepsItsVersions() {
        try (ModelStore store = ModelStore.open(dir.resolve("m.db"))) {
            ModelVersion v1 = store.saveVersion(version("h100-sxm", "add", null, 1000));
            ModelVersion other = store.saveVersion(version("h100-sxm", "emb", null, 10));
            store.activate(v1.id());
            store.activate(other.id());

            store.deactivateKernelOf(v1.id());

            assertThat(store.active("h100-sxm", "add")).isEmpty();
            assertThat(store.active("h100-sxm", "emb")).map(ModelVersion::id).contains(other.id());
            assertThat(store.versions("h100-sxm", "add")).extracting(ModelVersion::id).containsExactly(v1.id());
            assertThatThrownBy(() -> store.deactivateKernelOf(999)).hasMessageContaining("no model version 999");
        }
    }

    @Test
    void aKernelCannotActivateAnotherKernelsVersionOrAMissingOne() {
        try (ModelStore store = ModelStore.open(dir.resolve("m.db"))) {
            ModelVersion add = store.saveVersion(version("h100-sxm", "add", null, 1000));
            assertThatThrownBy(() -> store.saveVersion(version("h100-sxm", "emb", add.id(), 1))).hasMessageContaining("belongs to another kernel");
            assertThatThrownBy(() -> store.activate(999)).hasMessageContaining("no model version 999");
        }
    }

    @Test
    void samplesKeepTheirFeaturesAndExclusionIsReversible() {
        try (ModelStore store = ModelStore.open(dir.resolve("m.db"))) {
            store.addSamples("cpu-local", List.of(new NewSample("add", Features.of("num_tokens", 8, "n_embd", 64), 1234.5, "calibrate:cpu-local")));
            StoredSample s = store.samples("cpu-local", "add", true).getFirst();
            assertThat(s.features()).isEqualTo(Features.of("num_tokens", 8, "n_embd", 64));
            assertThat(s.source()).isEqualTo("calibrate:cpu-local");
            store.exclude(List.of(s.id()), "bad run");
            assertThat(store.samples("cpu-local", "add", false)).isEmpty();
            assertThat(store.samples("cpu-local", "add", true).getFirst().excludeReason()).isEqualTo("bad run");
            store.include(List.of(s.id()));
            assertThat(store.samples("cpu-local", "add", false)).hasSize(1);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (ModelStore store = ModelStore.open(dir.resolve("m.db"))) {
            assertThatThrownBy(() -> store.inTransaction(() -> {
                store.addSamples("a40", TestSamples.linearSamples("add", 5));
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(store.kernels()).isEmpty();
        }
    }

    @Test
    void fittingSavesAChildOfTheActiveVersionAndMarksOutliers() {
        try (ModelStore store = ModelStore.open(dir.resolve("m.db"))) {
            java.util.Random noise = new java.util.Random(11);
            List<NewSample> samples = new java.util.ArrayList<>(TestSamples.linearSamples("add", 40).stream()
                    .map(s -> new NewSample("add", s.features(), s.nanos() * (1 + 0.01 * noise.nextGaussian()), "test")).toList());
            NewSample odd = samples.get(10);
            samples.set(10, new NewSample("add", odd.features(), odd.nanos() * 5, "test"));
            store.addSamples("a40", samples);
            KernelModels models = new KernelModels(store, d -> Optional.empty());
            FitOptions options = new FitOptions(dev.chronoscope.emulator.models.form.ModelForm.LINEAR, List.of("1", "num_tokens"),
                    dev.chronoscope.emulator.models.fit.Solver.NNLS, 0, 5, 8);
            var first = models.fit("a40", "add", options, "me", "first", true);
            assertThat(first.outliersMarked()).isEqualTo(1);
            assertThat(store.samples("a40", "add", true).get(10).excludeReason()).startsWith("outlier");
            double[] c = ((LinearModel) first.version().model()).coefficients();
            assertThat(c[0]).isCloseTo(2000, org.assertj.core.data.Percentage.withPercentage(5));
            assertThat(c[1]).isCloseTo(35, org.assertj.core.data.Percentage.withPercentage(2));
            var second = models.fit("a40", "add", options, "me", "second", true);
            assertThat(second.version().parentId()).isEqualTo(first.version().id());
            assertThat(store.active("a40", "add")).map(ModelVersion::id).contains(second.version().id());
            assertThat(models.predictor().predict("a40", "add", Features.of("num_tokens", 100, "n_embd", 4096, "tp", 1)).modelVersion())
                    .isEqualTo("a40/add@" + second.version().id());
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithAnExplanation() throws SQLException {
        Path file = dir.resolve("future.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> ModelStore.open(file)).hasMessageContaining("schema version 99");
    }
}
