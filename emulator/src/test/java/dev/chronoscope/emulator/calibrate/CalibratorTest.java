package dev.chronoscope.emulator.calibrate;

import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.StoredSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibratorTest {
    @TempDir Path dir;

    private final Calibrator calibrator = new Calibrator(TinyGrids.launcher(), d -> Optional.empty());

    /** Records every callback; optionally does something on the n-th measured row. */
    private static final class Recorder implements CalibrationListener {
        final List<Integer> done = new ArrayList<>();
        int planned = -1;
        int fitting = -1;
        final int actAt;
        final Runnable action;

        Recorder(int actAt, Runnable action) {
            this.actAt = actAt;
            this.action = action;
        }

        Recorder() { this(-1, () -> { }); }

        final List<String> plans = new ArrayList<>();

        @Override public void planned(int shapes, String about) {
            planned = Math.max(planned, 0) + shapes;
            plans.add(shapes + " " + about);
        }

        @Override public void measured(int n, int total, String kernel, String shape, double nanos) {
            assertThat(total).isEqualTo(planned);
            assertThat(nanos).isPositive();
            done.add(n);
            if (n == actAt) action.run();
        }

        @Override public void fitting(int kernels) { fitting = kernels; }
    }

    @Test
    void tinyGridStoresSamplesCreatesAndActivatesOneVersionPerKernel() throws Exception {
        Path kept = dir.resolve("samples.csv");
        Recorder progress = new Recorder();
        try (ModelStore store = ModelStore.open(dir.resolve("models.db"))) {
            CalibrationResult r = calibrator.calibrate(TinyGrids.grid(), store, progress, kept);

            assertThat(progress.planned).isEqualTo(TinyGrids.SHAPES);
            assertThat(progress.plans).as("kernels, then collectives, each in its own profiler").hasSize(2);
            assertThat(progress.plans.get(0)).startsWith("18 cpu clock, vector API on");
            assertThat(progress.plans.get(1)).startsWith("2 wall clock");
            assertThat(progress.done).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, TinyGrids.SHAPES).boxed().toList());
            assertThat(progress.fitting).isEqualTo(4);
            assertThat(r.samples()).isEqualTo(TinyGrids.SHAPES);
            assertThat(r.superseded()).isZero();
            assertThat(r.kernels()).extracting(KernelSummary::kernel).containsExactly("add", "all_reduce", "attn_decode", "mlp_up_proj");
            assertThat(r.kernels()).extracting(KernelSummary::samples).containsExactly(6, 2, 6, 6);
            for (KernelSummary k : r.kernels()) {
                List<StoredSample> samples = store.samples(Calibrator.DEVICE, k.kernel(), true);
                assertThat(samples).hasSize(k.samples()).allSatisfy(s -> {
                    assertThat(s.source()).isEqualTo(Calibrator.SOURCE);
                    assertThat(s.nanos()).isPositive();
                });
                ModelVersion active = store.active(Calibrator.DEVICE, k.kernel()).orElseThrow();
                assertThat(active.label()).isEqualTo(k.version());
                assertThat(active.author()).isEqualTo(Calibrator.AUTHOR);
                assertThat(active.parentId()).isNull();
                assertThat(active.model().form().id()).isEqualTo(k.form());
            }
            assertThat(store.samples(Calibrator.DEVICE, "mlp_up_proj", true))
                    .extracting(s -> s.features().get("num_tokens", -1)).containsExactlyInAnyOrder(1.0, 2.0, 4.0, 8.0, 16.0, 32.0);
            assertThat(store.samples(Calibrator.DEVICE, "mlp_up_proj", true))
                    .allSatisfy(s -> assertThat(s.features().get("tp", -1)).isEqualTo(1.0));
            assertThat(store.samples(Calibrator.DEVICE, "all_reduce", true))
                    .extracting(s -> s.features().get("size", -1)).containsExactlyInAnyOrder(4096.0, 65536.0);
            assertThat(Files.readAllLines(kept)).hasSize(TinyGrids.SHAPES + 1).first().asString().startsWith("kernel,duration_ns,source,");
        }
    }

    @Test
    void recalibrationExcludesEarlierSamplesAndSavesChildVersions() {
        try (ModelStore store = ModelStore.open(dir.resolve("models.db"))) {
            CalibrationResult first = calibrator.calibrate(TinyGrids.grid().restrictedTo(List.of("add")), store, CalibrationListener.NONE, null);
            // The outlier rule may already have excluded some of the first run's timings; those stay as they were.
            List<Long> includedAfterFirst = store.samples(Calibrator.DEVICE, "add", false).stream().map(StoredSample::id).toList();
            CalibrationResult second = calibrator.calibrate(TinyGrids.grid().restrictedTo(List.of("add")), store, CalibrationListener.NONE, null);

            assertThat(second.superseded()).isEqualTo(includedAfterFirst.size());
            List<StoredSample> all = store.samples(Calibrator.DEVICE, "add", true);
            assertThat(all).hasSize(12);
            assertThat(all.subList(0, 6)).allSatisfy(s -> assertThat(s.excluded()).isTrue());
            assertThat(all.subList(0, 6)).filteredOn(s -> includedAfterFirst.contains(s.id()))
                    .allSatisfy(s -> assertThat(s.excludeReason()).startsWith("superseded by the calibration of"));
            assertThat(all.subList(6, 12)).noneMatch(s -> s.excluded() && s.excludeReason().startsWith("superseded"));
            ModelVersion active = store.active(Calibrator.DEVICE, "add").orElseThrow();
            assertThat(active.label()).isEqualTo(second.kernels().getFirst().version());
            assertThat(active.parentId()).isEqualTo(store.versions(Calibrator.DEVICE, "add").stream()
                    .filter(v -> v.label().equals(first.kernels().getFirst().version())).findFirst().orElseThrow().id());
        }
    }

    @Test
    void aProfilerKilledMidRunLeavesTheStoreUnchangedAndIsNamed() {
        try (ModelStore store = ModelStore.open(dir.resolve("models.db"))) {
            calibrator.calibrate(TinyGrids.grid().restrictedTo(List.of("add")), store, CalibrationListener.NONE, null);
            String before = snapshot(store);
            Recorder killer = new Recorder(3, CalibratorTest::killProfiler);

            assertThatThrownBy(() -> calibrator.calibrate(TinyGrids.grid(), store, killer, null))
                    .isInstanceOf(CalibrationException.class)
                    .hasMessageContaining("the profiler " + ProfilerLauncher.KERNEL_PROFILER + " (pid ")
                    .hasMessageContaining("was killed by signal 9")
                    .hasMessageMatching("(?s).*after \\d+ of 18 shapes.*")
                    .hasMessageContaining("the models store was not changed");
            assertThat(snapshot(store)).isEqualTo(before);
        }
    }

    @Test
    void aProfilerThatRejectsItsGridFailsWithItsOwnMessage() {
        CalibrationGrid badTp = new CalibrationGrid("bad", List.of("--model", "tiny", "--tp", "3"), List.of(), List.of(), List.of("add"));
        try (ModelStore store = ModelStore.open(dir.resolve("models.db"))) {
            assertThatThrownBy(() -> calibrator.calibrate(badTp, store, CalibrationListener.NONE, null))
                    .isInstanceOf(CalibrationException.class)
                    .hasMessageContaining("failed with exit code 2 before planning any shape")
                    .hasMessageContaining("--tp: tiny")
                    .hasMessageContaining("does not split 3 ways");
            assertThat(store.samples(Calibrator.DEVICE, "add", true)).isEmpty();
        }
    }

    /** Kills (SIGKILL) the profiler child this test's calibration started: the one running the kernel profiler. */
    private static void killProfiler() {
        ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(ProfilerLauncher.KERNEL_PROFILER))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** Every sample (with its exclusion) and every version of cpu-local, and which are active. */
    private static String snapshot(ModelStore store) {
        StringBuilder b = new StringBuilder();
        for (String k : TinyGrids.OPS) {
            store.samples(Calibrator.DEVICE, k, true).forEach(s -> b.append(s).append('\n'));
            store.versions(Calibrator.DEVICE, k).forEach(v -> b.append(v.label()).append('\n'));
            b.append(store.active(Calibrator.DEVICE, k).map(ModelVersion::label).orElse("none")).append('\n');
        }
        return b.toString();
    }
}
