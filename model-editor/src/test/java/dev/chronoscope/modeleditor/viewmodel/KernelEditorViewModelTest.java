package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.StoredSample;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.SyntheticStore;
import dev.chronoscope.modeleditor.task.BackgroundTaskExecutor;
import dev.chronoscope.modeleditor.task.CurrentThreadTaskExecutor;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.modeleditor.task.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The editing workflow on a real SQLite store, with background work made synchronous. */
class KernelEditorViewModelTest {
    @TempDir Path dir;
    private ModelStore store;
    private ModelEditorViewModel vm;
    private KernelEditorViewModel editor;

    @BeforeEach void open() {
        store = SyntheticStore.create(dir);
        vm = new ModelEditorViewModel(store, new CurrentThreadTaskExecutor(), d -> Optional.empty(), CalibrationService.notAvailable("test"));
        vm.start();
        editor = vm.editor();
        editor.load(new KernelKey(SyntheticStore.DEVICE, SyntheticStore.KERNEL));
    }

    @AfterEach void close() {
        store.close();
    }

    @Test void loadsTheActiveVersionAndMeasuresItOnTheIncludedSamples() {
        assertThat(editor.samples()).hasSize(SyntheticStore.SAMPLES);
        assertThat(editor.shownVersion().id()).isEqualTo(SyntheticStore.active(store).id());
        FitMetrics live = editor.evaluation().live();
        FitMetrics stored = SyntheticStore.active(store).metrics();
        assertThat(live.samples()).isEqualTo(SyntheticStore.SAMPLES);
        assertThat(live.mape()).isCloseTo(stored.mape(), within(1e-9));
        assertThat(live.r2()).isCloseTo(stored.r2(), within(1e-9));
    }

    @Test void excludingAPointChangesTheMetricsAndUndoRestoresThem() {
        long outlier = SyntheticStore.outlierId(store);
        FitMetrics before = editor.evaluation().live();

        editor.exclude(List.of(outlier), "warm-up run");

        FitMetrics after = editor.evaluation().live();
        assertThat(after.samples()).isEqualTo(SyntheticStore.SAMPLES - 1);
        assertThat(after.mape()).isLessThan(before.mape());
        StoredSample stored = sample(outlier);
        assertThat(stored.excluded()).isTrue();
        assertThat(stored.excludeReason()).isEqualTo("warm-up run");

        vm.commands().undo();

        assertThat(editor.evaluation().live()).isEqualTo(before);
        assertThat(sample(outlier).excluded()).isFalse();

        vm.commands().redo();
        assertThat(editor.evaluation().live()).isEqualTo(after);
        assertThat(sample(outlier).excluded()).isTrue();
    }

    @Test void importingSamplesIntoTheOpenKernelKeepsItsUndoHistory() throws Exception {
        long outlier = SyntheticStore.outlierId(store);
        editor.exclude(List.of(outlier), "warm-up run");
        Path csv = java.nio.file.Files.writeString(dir.resolve("more.csv"), "kernel,duration_ns,num_tokens,n_embd,tp\nadd,52000,700,4096,1\n");

        vm.sources().importSamples(SampleSource.PROJECT, csv, SyntheticStore.DEVICE);

        assertThat(editor.samples()).hasSize(SyntheticStore.SAMPLES + 1);
        assertThat(editor.evaluation().live().samples()).isEqualTo(SyntheticStore.SAMPLES);
        vm.commands().undo();
        assertThat(sample(outlier).excluded()).isFalse();
        assertThat(editor.evaluation().live().samples()).isEqualTo(SyntheticStore.SAMPLES + 1);
    }

    @Test void autoFlagMarksTheOutlierWithTheRuleAsReason() {
        int flagged = editor.autoFlag(8);
        assertThat(flagged).isEqualTo(1);
        StoredSample s = sample(SyntheticStore.outlierId(store));
        assertThat(s.excluded()).isTrue();
        assertThat(s.excludeReason()).startsWith("auto-flag");
    }

    @Test void aRefitCreatesAChildVersionAndShowsTheDiff() {
        ModelVersion parent = editor.shownVersion();
        editor.exclude(List.of(SyntheticStore.outlierId(store)), "outlier");

        editor.refit();

        ModelVersion child = editor.shownVersion();
        assertThat(child.id()).isNotEqualTo(parent.id());
        assertThat(child.parentId()).isEqualTo(parent.id());
        assertThat(child.metrics().samples()).isEqualTo(SyntheticStore.SAMPLES - 1);
        assertThat(child.metrics().mape()).isLessThan(parent.metrics().mape());
        assertThat(store.versions(SyntheticStore.DEVICE, SyntheticStore.KERNEL)).extracting(ModelVersion::id).contains(parent.id(), child.id());
        assertThat(store.active(SyntheticStore.DEVICE, SyntheticStore.KERNEL).orElseThrow().id()).as("a refit does not activate").isEqualTo(parent.id());
        assertThat(editor.diff().row("MAPE %").after()).isEqualTo(child.metrics().mape());
        assertThat(editor.diff().row("samples").before()).isEqualTo(SyntheticStore.SAMPLES - 1);

        vm.commands().undo();
        assertThat(editor.shownVersion().id()).isEqualTo(parent.id());
        vm.commands().redo();
        assertThat(editor.shownVersion().id()).isEqualTo(child.id());
    }

    @Test void aRefitWithSettingsThatDoNotSuitTheFormFailsWithTheReasonAndSavesNothing() {
        int versions = store.versions(SyntheticStore.DEVICE, SyntheticStore.KERNEL).size();
        editor.setFeatures(List.of());
        var handle = editor.refit();
        assertThat(handle.state()).isEqualTo(TaskState.FAILED);
        assertThat(vm.feedback().errorProperty().get()).contains("a linear model needs at least one feature");
        assertThat(store.versions(SyntheticStore.DEVICE, SyntheticStore.KERNEL)).hasSize(versions);
        vm.commands().undo();
        assertThat(editor.fitSettings().features()).containsExactly("1", "bytes");
    }

    @Test void activatingAVersionChangesWhatTheNextPredictorAnswers() {
        ModelVersion parent = editor.shownVersion();
        editor.exclude(List.of(SyntheticStore.outlierId(store)), "outlier");
        editor.refit();
        ModelVersion child = editor.shownVersion();
        Features f = Features.of("num_tokens", 300, "n_embd", 4096, "tp", 1);

        Prediction before = predict(f);
        editor.activate(child);
        Prediction after = predict(f);

        assertThat(before.modelVersion()).isEqualTo(parent.label());
        assertThat(after.modelVersion()).isEqualTo(child.label());
        assertThat(after.durationNanos()).isNotEqualTo(before.durationNanos());
        assertThat(vm.rerun().pendingVersionIds()).containsExactly(child.id());

        vm.commands().undo();
        assertThat(predict(f)).isEqualTo(before);
        assertThat(editor.activeVersionId()).isEqualTo(parent.id());
    }

    @Test void undoingTheFirstActivationOfAKernelPutsItBackOnItsRooflineDefault() {
        ModelVersion fitted = editor.shownVersion();
        store.deactivateKernelOf(fitted.id());
        editor.load(new KernelKey(SyntheticStore.DEVICE, SyntheticStore.KERNEL));
        assertThat(editor.activeVersionId()).isZero();
        Features f = Features.of("num_tokens", 300, "n_embd", 4096, "tp", 1);
        Prediction roofline = predict(f);

        editor.activate(fitted);
        assertThat(predict(f).modelVersion()).isEqualTo(fitted.label());

        vm.commands().undo();
        assertThat(store.active(SyntheticStore.DEVICE, SyntheticStore.KERNEL)).isEmpty();
        assertThat(editor.activeVersionId()).isZero();
        assertThat(predict(f)).isEqualTo(roofline);
        assertThat(roofline.modelVersion()).isNotEqualTo(fitted.label());

        vm.commands().redo();
        assertThat(store.active(SyntheticStore.DEVICE, SyntheticStore.KERNEL)).map(ModelVersion::id).contains(fitted.id());
    }

    @Test void aHandEditedCoefficientIsUndoableAndSavesAsAChild() {
        ModelVersion parent = editor.shownVersion();
        double intercept = ModelParameters.of(editor.model()).getFirst().value();
        FitMetrics before = editor.evaluation().live();

        editor.setCoefficient("1", intercept + 5_000);
        assertThat(editor.editedProperty().get()).isTrue();
        assertThat(editor.evaluation().live().mape()).isGreaterThan(before.mape());
        vm.commands().undo();
        assertThat(editor.evaluation().live()).isEqualTo(before);
        assertThat(editor.editedProperty().get()).isFalse();

        vm.commands().redo();
        editor.saveEdited("slower launch");
        ModelVersion saved = editor.shownVersion();
        assertThat(saved.parentId()).isEqualTo(parent.id());
        assertThat(saved.note()).isEqualTo("slower launch");
        assertThat(ModelParameters.of(saved.model()).getFirst().value()).isEqualTo(intercept + 5_000);
    }

    @Test void aRefitCancelledBeforeItEndsSavesNothingAndKeepsTheOldFit() throws Exception {
        BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
        try (BackgroundTaskExecutor executor = new BackgroundTaskExecutor(ui::add)) {
            ModelEditorViewModel background = new ModelEditorViewModel(store, executor, d -> Optional.empty(), CalibrationService.notAvailable("test"));
            KernelEditorViewModel e = background.editor();
            e.load(new KernelKey(SyntheticStore.DEVICE, SyntheticStore.KERNEL));
            drainUntil(ui, () -> e.shownVersion() != null);
            ModelVersion shown = e.shownVersion();
            int versions = store.versions(SyntheticStore.DEVICE, SyntheticStore.KERNEL).size();
            CountDownLatch release = new CountDownLatch(1);
            executor.submit("hold the worker", ctx -> release.await(5, TimeUnit.SECONDS), x -> {}, x -> {});

            var oldModel = e.model();
            TaskHandle refit = e.refit();
            assertThat(e.refittingProperty().get()).isTrue();
            assertThat(e.model()).as("the old fit stays drawn while refitting").isSameAs(oldModel);
            refit.cancel();
            release.countDown();
            drainUntil(ui, () -> refit.state().isDone());

            assertThat(refit.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(e.refittingProperty().get()).isFalse();
            assertThat(e.shownVersion()).isEqualTo(shown);
            assertThat(store.versions(SyntheticStore.DEVICE, SyntheticStore.KERNEL)).hasSize(versions);
        }
    }

    @Test void aKernelOpenedDuringARefitOpensCleanAndTheRefitIsKept() throws Exception {
        BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
        try (BackgroundTaskExecutor executor = new BackgroundTaskExecutor(ui::add)) {
            ModelEditorViewModel background = new ModelEditorViewModel(store, executor, d -> Optional.empty(), CalibrationService.notAvailable("test"));
            KernelEditorViewModel e = background.editor();
            e.load(new KernelKey(SyntheticStore.DEVICE, SyntheticStore.KERNEL));
            drainUntil(ui, () -> e.shownVersion() != null);
            int versions = store.versions(SyntheticStore.DEVICE, SyntheticStore.KERNEL).size();

            TaskHandle refit = e.refit();
            KernelKey other = new KernelKey(SyntheticStore.DEVICE, "emb");
            e.load(other);
            drainUntil(ui, () -> refit.state().isDone() && other.equals(e.kernelProperty().get()));

            assertThat(store.versions(SyntheticStore.DEVICE, SyntheticStore.KERNEL)).hasSize(versions + 1);
            assertThat(e.versions()).isEmpty();
            assertThat(e.shownVersion()).as("emb runs on its roofline default").isNull();
            assertThat(e.diff()).isNull();
        }
    }

    private static void drainUntil(BlockingQueue<Runnable> ui, BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Runnable r = ui.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("UI work within 10 s").isNotNull();
            r.run();
        }
    }

    private Prediction predict(Features f) {
        AtomicReference<Prediction> p = new AtomicReference<>();
        vm.predictor(predictor -> p.set(predictor.predict(SyntheticStore.DEVICE, SyntheticStore.KERNEL, f)));
        return p.get();
    }

    private StoredSample sample(long id) {
        return store.samples(SyntheticStore.DEVICE, SyntheticStore.KERNEL, true).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }
}
