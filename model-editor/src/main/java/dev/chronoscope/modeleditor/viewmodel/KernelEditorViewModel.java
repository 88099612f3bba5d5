package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.defaults.RooflineDefaults;
import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.fit.FitResult;
import dev.chronoscope.emulator.models.fit.ModelFitter;
import dev.chronoscope.emulator.models.fit.OutlierRule;
import dev.chronoscope.emulator.models.fit.Solver;
import dev.chronoscope.emulator.models.fit.TrainingRow;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.FeatureRanges;
import dev.chronoscope.emulator.models.form.KernelModel;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.NewVersion;
import dev.chronoscope.emulator.models.store.StoredSample;
import dev.chronoscope.modeleditor.command.ActivateVersionCommand;
import dev.chronoscope.modeleditor.command.ChangeExclusionsCommand;
import dev.chronoscope.modeleditor.command.CommandStack;
import dev.chronoscope.modeleditor.command.ExclusionState;
import dev.chronoscope.modeleditor.command.ExclusionTarget;
import dev.chronoscope.modeleditor.command.ActivationTarget;
import dev.chronoscope.modeleditor.command.ReplaceValueCommand;
import dev.chronoscope.modeleditor.task.TaskExecutor;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.modeleditor.task.TaskState;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The kernel being edited: its samples, versions, the model drawn over them (a version, or that
 * version with coefficients edited by hand), the next refit's settings, and every edit as an
 * undoable command. Store work runs on the task executor; its results land on the UI thread.
 */
public final class KernelEditorViewModel implements ExclusionTarget, ActivationTarget {
    public static final String AUTHOR = "model editor";

    private final ModelStore store;
    private final TaskExecutor executor;
    private final Function<String, Optional<RooflineSpec>> catalogue;
    private final RooflineDefaults roofline;
    private final CommandStack commands;
    private final Feedback feedback;
    private final Runnable storeChanged;
    private final Consumer<ModelVersion> activated;

    private final ReadOnlyObjectWrapper<KernelKey> kernel = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SampleRow> samples = FXCollections.observableArrayList();
    private final ObservableList<ModelVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<String> availableFeatures = FXCollections.observableArrayList();
    // Unmodifiable views made once: they hold their listeners weakly, so a view made per call could be collected.
    private final ObservableList<SampleRow> samplesView = FXCollections.unmodifiableObservableList(samples);
    private final ObservableList<ModelVersion> versionsView = FXCollections.unmodifiableObservableList(versions);
    private final ObservableList<String> featuresView = FXCollections.unmodifiableObservableList(availableFeatures);
    private final ReadOnlyLongWrapper activeVersionId = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<ModelVersion> shownVersion = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<KernelModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ModelVersion> compareVersion = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Evaluation> evaluation = new ReadOnlyObjectWrapper<>(Evaluation.EMPTY);
    private final ReadOnlyObjectWrapper<ModelDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FitSettings> fitSettings = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TaskHandle> refit = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper refitting = new ReadOnlyBooleanWrapper();
    private final StringProperty xFeature = new SimpleStringProperty("");
    private final BooleanProperty logX = new SimpleBooleanProperty(true);
    private final BooleanProperty logY = new SimpleBooleanProperty(true);
    private final SampleSelection selection = new SampleSelection();

    KernelEditorViewModel(ModelStore store, TaskExecutor executor, Function<String, Optional<RooflineSpec>> catalogue,
                          RooflineDefaults roofline, CommandStack commands, Feedback feedback,
                          Runnable storeChanged, Consumer<ModelVersion> activated) {
        this.store = store;
        this.executor = executor;
        this.catalogue = catalogue;
        this.roofline = roofline;
        this.commands = commands;
        this.feedback = feedback;
        this.storeChanged = storeChanged;
        this.activated = activated;
        model.addListener((o, a, b) -> reevaluate());
        compareVersion.addListener((o, a, b) -> reevaluate());
    }

    // ---- loading and navigation

    private record Loaded(KernelKey key, List<SampleRow> samples, List<ModelVersion> versions, long activeId, long showId) {}

    /** Loads (device, kernel) from the store and shows its active version, or its roofline default. */
    public void load(KernelKey key) {
        load(key, 0);
    }

    /** Loads (device, kernel) and shows version {@code showId} (0: the active one). */
    public void load(KernelKey key, long showId) {
        executor.submit("Loading " + key, ctx -> {
            RooflineSpec spec = BuiltInDeviceSpecs.resolve(catalogue, key.device());
            List<SampleRow> rows = new ArrayList<>();
            for (StoredSample s : store.samples(key.device(), key.kernel(), true)) {
                rows.add(new SampleRow(s.id(), s.features(), EngineeredFeatures.of(key.kernel(), s.features(), spec), s.nanos(),
                        s.source(), s.excluded(), s.excludeReason()));
            }
            long active = store.active(key.device(), key.kernel()).map(ModelVersion::id).orElse(0L);
            return new Loaded(key, rows, store.versions(key.device(), key.kernel()), active, showId != 0 ? showId : active);
        }, this::show, e -> feedback.error("Loading " + key, e));
    }

    private void show(Loaded l) {
        boolean sameKernel = l.key().equals(kernel.get());
        if (!sameKernel) {
            if (refit.get() != null && refit.get().state().isDone()) refit.set(null);
            commands.clear();
            selection.clear();
            diff.set(null);
            compareVersion.set(null);
        }
        kernel.set(l.key());
        versions.setAll(l.versions());
        activeVersionId.set(l.activeId());
        samples.setAll(l.samples());
        availableFeatures.setAll(featureNames(l.samples()));
        if (!sameKernel || !availableFeatures.contains(xFeature.get())) xFeature.set(defaultAxis(l.key().kernel(), l.samples()));
        ModelVersion show = l.versions().stream().filter(v -> v.id() == l.showId()).findFirst()
                .orElse(l.versions().isEmpty() ? null : l.versions().getLast());
        if (sameKernel && show != null && shownVersion.get() != null && show.id() == shownVersion.get().id()) {
            reevaluate(); // same version: keep a hand edit in progress, measure it on the new samples
        } else {
            showVersion(show);
        }
        feedback.status(l.key() + ": " + l.samples().size() + " samples, " + l.versions().size() + " versions");
    }

    /**
     * Reads the kernel again after the store changed under it (an import), keeping the version
     * shown, the undo history and the selection: the edits made so far still apply.
     */
    public void reload() {
        KernelKey key = kernel.get();
        if (key == null) return;
        load(key, shownVersion.get() != null ? shownVersion.get().id() : 0);
    }

    /** Shows a version of this kernel (null: the roofline default) and takes its form and features for the next refit. */
    public void showVersion(ModelVersion v) {
        if (kernel.get() == null) return;
        shownVersion.set(v);
        KernelModel m = v != null ? v.model() : roofline.forKernel(kernel.get().kernel());
        fitSettings.set(FitSettings.of(m, kernel.get().kernel()));
        setModel(m);
    }

    // ---- exclusions

    /** Leaves the samples out of fits, with the reason (undoable). */
    public void exclude(Collection<Long> ids, String reason) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("an exclusion needs a reason");
        changeExclusions(ids, ExclusionState.excluded(reason.strip()), "Exclude");
    }

    /** Takes the samples back into fits (undoable). */
    public void include(Collection<Long> ids) {
        changeExclusions(ids, ExclusionState.INCLUDED, "Include");
    }

    /**
     * Excludes the included samples whose relative residual under the drawn model breaks the k·MAD
     * rule of the fitter (at least 20 % off the median residual); returns how many it flagged.
     */
    public int autoFlag(double k) {
        List<SampleRow> included = samples.stream().filter(s -> !s.excluded()).toList();
        if (included.isEmpty() || model.get() == null) return 0;
        double[] measured = included.stream().mapToDouble(SampleRow::nanos).toArray();
        double[] predicted = included.stream().mapToDouble(s -> model.get().predictNanos(s.engineered())).toArray();
        List<Long> ids = new ArrayList<>();
        for (int i : OutlierRule.outliers(measured, predicted, k)) ids.add(included.get(i).id());
        if (!ids.isEmpty()) {
            changeExclusions(ids, ExclusionState.excluded("auto-flag: relative residual beyond max(" + k + "·MAD, "
                    + (int) (100 * OutlierRule.MIN_DEVIATION) + " %) from the median"), "Auto-flag");
        }
        return ids.size();
    }

    private void changeExclusions(Collection<Long> chosen, ExclusionState next, String verb) {
        Set<Long> ids = Set.copyOf(chosen);
        Map<Long, ExclusionState> before = new LinkedHashMap<>(), after = new LinkedHashMap<>();
        for (SampleRow s : samples) {
            if (ids.contains(s.id()) && !s.exclusion().equals(next)) {
                before.put(s.id(), s.exclusion());
                after.put(s.id(), next);
            }
        }
        if (after.isEmpty()) return;
        commands.execute(new ChangeExclusionsCommand(this, before, after, verb + " " + after.size() + (after.size() == 1 ? " sample" : " samples")));
    }

    @Override public void applyExclusions(Map<Long, ExclusionState> states) {
        Map<ExclusionState, List<Long>> groups = new HashMap<>();
        states.forEach((id, s) -> groups.computeIfAbsent(s, x -> new ArrayList<>()).add(id));
        executor.submit("Updating exclusions", ctx -> store.inTransaction(() -> {
            groups.forEach((s, ids) -> {
                if (s.excluded()) store.exclude(ids, s.reason()); else store.include(ids);
            });
            return states;
        }), done -> {
            samples.replaceAll(r -> states.containsKey(r.id()) ? r.with(states.get(r.id())) : r);
            reevaluate();
            storeChanged.run();
        }, e -> feedback.error("Updating exclusions", e));
    }

    // ---- hand edits and fit settings

    /** Sets one coefficient of the drawn model by hand (undoable); the version itself never changes. */
    public void setCoefficient(String name, double value) {
        KernelModel before = model.get();
        KernelModel after = ModelParameters.with(before, name, value);
        commands.execute(new ReplaceValueCommand<>("Set " + name, this::setModel, before, after));
    }

    /** As {@link #setCoefficient}, from text typed by the user; a bad value is reported, not thrown. */
    public void setCoefficient(String name, String text) {
        try {
            setCoefficient(name, Double.parseDouble(text.strip()));
        } catch (IllegalArgumentException e) {
            feedback.error("Setting " + name + " to '" + text + "'", e instanceof NumberFormatException ? new IllegalArgumentException("not a number") : e);
        }
    }

    public void setForm(ModelForm form) {
        changeSettings(fitSettings.get().withForm(form, kernel.get().kernel(), xFeature.get()), "Form " + form.id());
    }

    public void setFeatures(List<String> features) {
        changeSettings(fitSettings.get().withFeatures(features), "Features");
    }

    public void setSolver(Solver solver) {
        changeSettings(fitSettings.get().withSolver(solver), "Solver " + solver);
    }

    private void changeSettings(FitSettings next, String description) {
        if (next.equals(fitSettings.get())) return;
        commands.execute(new ReplaceValueCommand<>(description, fitSettings::set, fitSettings.get(), next));
    }

    private void setModel(KernelModel m) {
        model.set(m);
        edited.set(m != null && shownVersion.get() != null ? !Objects.equals(m, shownVersion.get().model()) : m != null && !isRooflineDefault(m));
    }

    private boolean isRooflineDefault(KernelModel m) {
        return kernel.get() != null && m.equals(roofline.forKernel(kernel.get().kernel()));
    }

    // ---- refit and save

    /**
     * Fits the included samples with the current settings in the background and saves the result
     * as a child of the shown version. The drawn model stays until the new version arrives.
     */
    public TaskHandle refit() {
        KernelKey key = kernel.get();
        FitSettings settings = fitSettings.get();
        ModelVersion parent = shownVersion.get();
        String beforeLabel = label(parent);
        KernelModel beforeModel = model.get();
        FitMetrics beforeMetrics = shownMetrics();
        TaskHandle handle = executor.submit("Refitting " + key, ctx -> {
            var options = settings.toOptions(); // settings that do not suit the form fail the task with the reason
            ctx.progress(0.05, "reading samples of " + key);
            List<StoredSample> included = store.samples(key.device(), key.kernel(), false);
            if (included.isEmpty()) throw new IllegalArgumentException("no included samples for " + key + "; import or include some first");
            ctx.checkCancelled();
            ctx.progress(-1, "fitting " + included.size() + " samples (" + options.form().id() + ", " + FitSettings.FOLDS + "-fold CV)");
            FitResult r = new ModelFitter(key.kernel(), BuiltInDeviceSpecs.resolve(catalogue, key.device()), options).fit(KernelModels.rows(included));
            ctx.checkCancelled();
            ctx.progress(0.95, "saving the new version");
            return store.saveVersion(new NewVersion(key.device(), key.kernel(), parent != null ? parent.id() : null, r.model(), r.ranges(),
                    r.dataHash(), r.metrics(), AUTHOR, "refit in the model editor"));
        }, v -> adoptNewVersion(v, beforeLabel, beforeModel, beforeMetrics, "Refit"), e -> feedback.error("Refitting " + key, e));
        refitting.bind(handle.stateProperty().isEqualTo(TaskState.RUNNING));
        refit.set(handle);
        return handle;
    }

    public void cancelRefit() {
        if (refit.get() != null) refit.get().cancel();
    }

    /** Saves the hand-edited model as a child version of the shown one, with metrics on the included samples. */
    public void saveEdited(String note) {
        KernelKey key = kernel.get();
        KernelModel m = model.get();
        ModelVersion parent = shownVersion.get();
        List<SampleRow> included = samples.stream().filter(s -> !s.excluded()).toList();
        FitMetrics metrics = evaluation.get().live();
        String beforeLabel = label(parent);
        KernelModel beforeModel = parent != null ? parent.model() : roofline.forKernel(key.kernel());
        FitMetrics beforeMetrics = parent != null ? parent.metrics() : metrics;
        executor.submit("Saving " + key, ctx -> {
            List<TrainingRow> rows = included.stream().map(s -> new TrainingRow(s.raw(), s.nanos())).toList();
            return store.saveVersion(new NewVersion(key.device(), key.kernel(), parent != null ? parent.id() : null, m,
                    FeatureRanges.of(included.stream().map(SampleRow::raw).toList()), ModelFitter.dataHash(rows), metrics, AUTHOR,
                    note == null || note.isBlank() ? "coefficients edited by hand" : note.strip()));
        }, v -> adoptNewVersion(v, beforeLabel, beforeModel, beforeMetrics, "Save"), e -> feedback.error("Saving " + key, e));
    }

    private void adoptNewVersion(ModelVersion v, String beforeLabel, KernelModel beforeModel, FitMetrics beforeMetrics, String verb) {
        ModelVersion previous = shownVersion.get();
        KernelModel previousModel = model.get();
        versions.add(v);
        commands.record(new ReplaceValueCommand<>(verb + " v" + v.id(), shown -> {
            showVersion(shown);
            if (shown == previous) setModel(previousModel);
        }, previous, v));
        showVersion(v);
        diff.set(ModelDiff.of(beforeLabel, beforeModel, beforeMetrics, label(v), v.model(), v.metrics()));
        feedback.status(verb + ": new version " + v.label() + " (CV MAPE " + percent(v.metrics().cvMape()) + ")");
        storeChanged.run();
    }

    /** The stored metrics of the shown version while unedited; otherwise the live ones. */
    private FitMetrics shownMetrics() {
        ModelVersion v = shownVersion.get();
        FitMetrics live = evaluation.get().live();
        if (v != null && !edited.get()) return new FitMetrics(live.r2(), live.mape(), v.metrics().cvMape(), live.maxErrorPct(), live.samples());
        return live;
    }

    // ---- history

    /** Makes {@code v} its kernel's active version; undo goes back to the one before, or to the default. */
    public void activate(ModelVersion v) {
        commands.execute(new ActivateVersionCommand(this, v.id(), activeVersionId.get(), v.label()));
    }

    @Override public void activateVersion(long versionId) {
        executor.submit("Activating version " + versionId, ctx -> store.activate(versionId), v -> {
            if (kernel.get() != null && kernel.get().equals(new KernelKey(v.device(), v.kernel()))) activeVersionId.set(v.id());
            feedback.status("Activated " + v.label() + "; the next predictions use it");
            activated.accept(v);
            storeChanged.run();
        }, e -> feedback.error("Activating version " + versionId, e));
    }

    @Override public void deactivateKernelOf(long versionId) {
        executor.submit("Deactivating the kernel of version " + versionId, ctx -> {
            store.deactivateKernelOf(versionId);
            return store.version(versionId).orElseThrow();
        }, v -> {
            if (kernel.get() != null && kernel.get().equals(new KernelKey(v.device(), v.kernel()))) activeVersionId.set(0);
            feedback.status(v.device() + "/" + v.kernel() + " has no active version; the next predictions use its roofline default");
            storeChanged.run();
        }, e -> feedback.error("Deactivating the kernel of version " + versionId, e));
    }

    /** Overlays {@code v} (null: none) on the plots and diffs it against the shown model. */
    public void compareWith(ModelVersion v) {
        compareVersion.set(v);
        if (v == null || model.get() == null) return;
        diff.set(ModelDiff.of(label(shownVersion.get()) + (edited.get() ? " (edited)" : ""), model.get(), shownMetrics(),
                label(v), v.model(), v.metrics()));
    }

    // ---- evaluation

    private void reevaluate() {
        KernelModel m = model.get();
        if (m == null) {
            evaluation.set(Evaluation.EMPTY);
            return;
        }
        List<SampleRow> rows = List.copyOf(samples);
        double[] predicted = rows.stream().mapToDouble(s -> m.predictNanos(s.engineered())).toArray();
        ModelVersion c = compareVersion.get();
        double[] compared = c == null ? null : rows.stream().mapToDouble(s -> c.model().predictNanos(s.engineered())).toArray();
        evaluation.set(new Evaluation(predicted, compared, LiveMetrics.of(rows, predicted)));
    }

    private static List<String> featureNames(List<SampleRow> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (SampleRow r : rows) for (int i = 0; i < r.raw().size(); i++) names.add(r.raw().name(i));
        EngineeredFeatures.NAMES.stream().filter(n -> !n.equals(EngineeredFeatures.INTERCEPT)).forEach(names::add);
        return new ArrayList<>(names);
    }

    /** The axis a user expects first: message size for collectives, token count for compute kernels. */
    private static String defaultAxis(String kernel, List<SampleRow> rows) {
        for (String preferred : List.of("size", "num_tokens", "sum_kv", "batch_size")) {
            if (rows.stream().anyMatch(r -> r.raw().has(preferred))) return preferred;
        }
        if (!rows.isEmpty() && rows.getFirst().raw().size() > 0) return rows.getFirst().raw().name(0);
        return EngineeredFeatures.ROOFLINE_NS;
    }

    private static String label(ModelVersion v) { return v == null ? "roofline default" : "v" + v.id(); }

    static String percent(double v) { return Double.isNaN(v) ? "—" : String.format(java.util.Locale.ROOT, "%.1f %%", v); }

    // ---- properties

    public ReadOnlyObjectProperty<KernelKey> kernelProperty() { return kernel.getReadOnlyProperty(); }

    public ObservableList<SampleRow> samples() { return samplesView; }

    public ObservableList<ModelVersion> versions() { return versionsView; }

    public ObservableList<String> availableFeatures() { return featuresView; }

    public ReadOnlyLongProperty activeVersionIdProperty() { return activeVersionId.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ModelVersion> shownVersionProperty() { return shownVersion.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<KernelModel> modelProperty() { return model.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty editedProperty() { return edited.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ModelVersion> compareVersionProperty() { return compareVersion.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Evaluation> evaluationProperty() { return evaluation.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ModelDiff> diffProperty() { return diff.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<FitSettings> fitSettingsProperty() { return fitSettings.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<TaskHandle> refitProperty() { return refit.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty refittingProperty() { return refitting.getReadOnlyProperty(); }

    /** The feature on the x axis of the fit and residual plots (view state shared by the plots). */
    public StringProperty xFeatureProperty() { return xFeature; }

    public BooleanProperty logXProperty() { return logX; }

    public BooleanProperty logYProperty() { return logY; }

    public SampleSelection selection() { return selection; }

    public Evaluation evaluation() { return evaluation.get(); }

    public KernelModel model() { return model.get(); }

    public ModelVersion shownVersion() { return shownVersion.get(); }

    public FitSettings fitSettings() { return fitSettings.get(); }

    public ModelDiff diff() { return diff.get(); }

    public long activeVersionId() { return activeVersionId.get(); }
}
