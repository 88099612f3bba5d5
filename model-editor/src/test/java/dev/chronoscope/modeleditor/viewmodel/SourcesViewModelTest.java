package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.store.KernelEntry;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.modeleditor.task.TaskContext;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.SyntheticStore;
import dev.chronoscope.modeleditor.task.CurrentThreadTaskExecutor;
import dev.chronoscope.modeleditor.task.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports from the editor: good files land in the store, bad ones name their line and change nothing. */
class SourcesViewModelTest {
    @TempDir Path dir;
    private ModelStore store;
    private ModelEditorViewModel vm;

    @BeforeEach void open() {
        store = SyntheticStore.create(dir);
        vm = new ModelEditorViewModel(store, new CurrentThreadTaskExecutor(), d -> Optional.empty(), CalibrationService.notAvailable("not built"));
        vm.start();
    }

    @AfterEach void close() {
        store.close();
    }

    @Test void importsProjectSamplesIntoTheChosenDevice() throws Exception {
        Path csv = Files.writeString(dir.resolve("samples.csv"), "kernel,duration_ns,num_tokens\nadd,1200,16\nadd,2400,32\n");
        var handle = vm.sources().importSamples(SampleSource.PROJECT, csv, "cpu-local");
        assertThat(handle.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(store.samples("cpu-local", "add", true)).hasSize(2);
        assertThat(vm.feedback().statusProperty().get()).contains("Imported 2 samples");
        assertThat(vm.browser().devices()).anySatisfy(d -> assertThat(d.row().device()).isEqualTo("cpu-local"));
    }

    @Test void aMalformedFileShowsAnErrorNamingTheLineAndChangesNothing() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "kernel,duration_ns,num_tokens\nadd,1200,16\nadd,fast,32\nadd,900,8\n");
        List<KernelEntry> kernelsBefore = store.kernels();

        var handle = vm.sources().importSamples(SampleSource.PROJECT, csv, "a100-80gb");

        assertThat(handle.state()).isEqualTo(TaskState.FAILED);
        assertThat(vm.feedback().errorProperty().get()).contains("bad.csv:3").contains("duration_ns").contains("'fast' is not a number");
        assertThat(store.kernels()).isEqualTo(kernelsBefore);
    }

    @Test void calibrationNotAvailableSaysWhy() {
        assertThat(vm.sources().calibrationAvailable()).isFalse();
        assertThat(vm.sources().calibrationUnavailableReason()).isEqualTo("not built");
    }

    @Test void aCalibrationServiceRunsInTheBackgroundAndItsSamplesLandUnderCpuLocal() {
        CalibrationService sweep = new CalibrationService() {
            @Override public boolean isAvailable() { return true; }

            @Override public String unavailableReason() { return ""; }

            @Override public List<NewSample> calibrate(TaskContext context) {
                List<NewSample> out = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    context.progress(i / 4.0, "add at " + 64 * i + " tokens");
                    out.add(new NewSample("add", Features.of("num_tokens", 64 * i, "n_embd", 4096), 1_000.0 * i, "calibrate:cpu-local"));
                }
                return out;
            }
        };
        var calibrating = new ModelEditorViewModel(store, new CurrentThreadTaskExecutor(), d -> Optional.empty(), sweep);
        calibrating.start();

        TaskHandle handle = calibrating.sources().calibrate();

        assertThat(handle.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(store.samples(CalibrationService.DEVICE, "add", true)).hasSize(4)
                .allSatisfy(s -> assertThat(s.source()).isEqualTo("calibrate:cpu-local"));
        assertThat(calibrating.feedback().statusProperty().get()).isEqualTo("Calibration stored 4 samples under cpu-local");
        assertThat(calibrating.sources().calibratingProperty().get()).isFalse();
    }

    @Test void exportedVersionsImportBackAsNewVersions() throws Exception {
        Path json = dir.resolve("versions.json");
        var key = new KernelKey(SyntheticStore.DEVICE, SyntheticStore.KERNEL);
        vm.sources().exportVersions(json, key);
        assertThat(Files.readString(json)).contains("\"kernel\" : \"add\"");
        int before = store.versions(key.device(), key.kernel()).size();

        vm.sources().importVersions(json);

        List<ModelVersion> after = store.versions(key.device(), key.kernel());
        assertThat(after).hasSize(before + 1);
        assertThat(ModelParameters.of(after.getLast().model())).isEqualTo(ModelParameters.of(after.getFirst().model()));
    }

    @Test void aBrokenVersionsFileNamesTheEntryAndAddsNothing() throws Exception {
        Path json = Files.writeString(dir.resolve("broken.json"), "{\"models\": [{\"device\": \"a40\", \"kernel\": \"add\", \"form\": \"cubic\", \"parameters\": {}}]}");
        int before = store.allVersions().size();
        vm.sources().importVersions(json);
        assertThat(vm.feedback().errorProperty().get()).contains("models[0]").contains("unknown model form 'cubic'");
        assertThat(store.allVersions()).hasSize(before);
    }
}
