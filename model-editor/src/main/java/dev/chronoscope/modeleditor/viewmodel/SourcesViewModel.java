package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.emulator.models.store.VersionsJson;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.task.TaskExecutor;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.modeleditor.task.TaskState;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where samples and versions come from and go to: importing profiles, calibrating this machine's
 * CPU, and exporting or importing versions as JSON. Every import is all-or-nothing.
 */
public final class SourcesViewModel {
    private final ModelStore store;
    private final TaskExecutor executor;
    private final Feedback feedback;
    private final CalibrationService calibration;
    private final Runnable storeChanged;
    private final ReadOnlyObjectWrapper<TaskHandle> calibrationTask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper calibrating = new ReadOnlyBooleanWrapper();

    SourcesViewModel(ModelStore store, TaskExecutor executor, Feedback feedback, CalibrationService calibration, Runnable storeChanged) {
        this.store = store;
        this.executor = executor;
        this.feedback = feedback;
        this.calibration = calibration;
        this.storeChanged = storeChanged;
    }

    /** Reads {@code path} as {@code source} and adds its samples to {@code device}; a bad file changes nothing. */
    public TaskHandle importSamples(SampleSource source, Path path, String device) {
        String doing = "Importing " + path.getFileName() + " into " + device;
        if (device == null || device.isBlank()) throw new IllegalArgumentException("choose the device the samples were measured on");
        return executor.submit(doing, ctx -> {
            ctx.progress(0.1, "reading " + path);
            List<NewSample> samples = source.read(path);
            ctx.checkCancelled();
            ctx.progress(0.6, "storing " + samples.size() + " samples");
            return store.addSamples(device.strip(), samples);
        }, n -> {
            feedback.status("Imported " + n + " samples from " + path.getFileName() + " into " + device);
            storeChanged.run();
        }, e -> feedback.error(doing, e));
    }

    public boolean calibrationAvailable() { return calibration.isAvailable(); }

    public String calibrationUnavailableReason() { return calibration.unavailableReason(); }

    /** Runs the calibration sweep in the background and stores its samples under cpu-local. */
    public TaskHandle calibrate() {
        if (!calibration.isAvailable()) throw new IllegalStateException("calibration is not available: " + calibration.unavailableReason());
        String doing = "Calibrating " + CalibrationService.DEVICE;
        TaskHandle handle = executor.submit(doing, ctx -> {
            List<NewSample> samples = calibration.calibrate(ctx);
            ctx.checkCancelled();
            return store.addSamples(CalibrationService.DEVICE, samples);
        }, n -> {
            feedback.status("Calibration stored " + n + " samples under " + CalibrationService.DEVICE);
            storeChanged.run();
        }, e -> feedback.error(doing, e));
        calibrationTask.set(handle);
        calibrating.bind(handle.stateProperty().isEqualTo(TaskState.RUNNING));
        return handle;
    }

    public ReadOnlyObjectProperty<TaskHandle> calibrationTaskProperty() { return calibrationTask.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty calibratingProperty() { return calibrating.getReadOnlyProperty(); }

    /** Writes the versions of {@code only} (null: of every kernel) as exchange JSON, atomically. */
    public TaskHandle exportVersions(Path file, KernelKey only) {
        String doing = "Exporting versions to " + file.getFileName();
        return executor.submit(doing, ctx -> {
            List<ModelVersion> versions = only == null ? store.allVersions() : store.versions(only.device(), only.kernel());
            Set<Long> active = store.activeVersions().stream().map(ModelVersion::id).collect(Collectors.toSet());
            String json = VersionsJson.MAPPER.writeValueAsString(VersionsJson.write(versions, active));
            writeAtomically(file, json);
            return versions.size();
        }, n -> feedback.status("Exported " + n + " versions to " + file), e -> feedback.error(doing, e));
    }

    /** Adds the versions of an exchange JSON file (activating those marked active), all or none. */
    public TaskHandle importVersions(Path file) {
        String doing = "Importing versions from " + file.getFileName();
        return executor.submit(doing, ctx -> {
            List<VersionsJson.Entry> entries = VersionsJson.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            return store.inTransaction(() -> {
                for (VersionsJson.Entry e : entries) {
                    ModelVersion v = store.saveVersion(e.version());
                    if (e.active()) store.activate(v.id());
                }
                return entries.size();
            });
        }, n -> {
            feedback.status("Imported " + n + " versions from " + file);
            storeChanged.run();
        }, e -> feedback.error(doing, e));
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
