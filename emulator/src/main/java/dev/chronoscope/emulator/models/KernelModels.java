package dev.chronoscope.emulator.models;

import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.FitResult;
import dev.chronoscope.emulator.models.fit.ModelFitter;
import dev.chronoscope.emulator.models.fit.TrainingRow;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.NewVersion;
import dev.chronoscope.emulator.models.store.StoredSample;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the CLI and the model editor do with models: fit a kernel's samples into a new version,
 * and build a predictor over the store's active versions.
 */
public final class KernelModels {
    private final ModelStore store;
    private final Function<String, Optional<RooflineSpec>> catalogue;

    public KernelModels(ModelStore store, Function<String, Optional<RooflineSpec>> catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    /** A predictor over the store's current active versions, with the shipped roofline figures. */
    public StorePredictor predictor() {
        return new StorePredictor(store.activeVersions(), catalogue, DefaultModels.load().roofline());
    }

    /** The outcome of a fit: the saved version and how many samples the k·MAD rule marked. */
    public record Fitted(ModelVersion version, int outliersMarked) {}

    /**
     * Fits the included samples of (device, kernel); marks outliers excluded (with the reason) and
     * refits without them; saves the result as a child of the active version and, if asked,
     * activates it. The marking, the version and the activation commit together or not at all.
     */
    public Fitted fit(String device, String kernel, FitOptions options, String author, String note, boolean activate) {
        List<StoredSample> samples = store.samples(device, kernel, false);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no included samples for " + device + "/" + kernel
                    + "; import some first (chronoscope models import-vidur …) or check the names with 'chronoscope models list'");
        }
        RooflineSpec spec = BuiltInDeviceSpecs.resolve(catalogue, device);
        ModelFitter fitter = new ModelFitter(kernel, spec, options);
        FitResult first = fitter.fit(rows(samples));
        int[] outliers = first.outliers();
        FitResult result = first;
        List<StoredSample> kept = samples;
        if (outliers.length > 0 && outliers.length < samples.size() / 2) {
            java.util.Set<Integer> drop = Arrays.stream(outliers).boxed().collect(java.util.stream.Collectors.toSet());
            kept = java.util.stream.IntStream.range(0, samples.size()).filter(i -> !drop.contains(i)).mapToObj(samples::get).toList();
            result = fitter.fit(rows(kept));
        } else {
            outliers = new int[0];
        }
        FitResult fitted = result;
        List<Long> outlierIds = Arrays.stream(outliers).mapToObj(i -> samples.get(i).id()).toList();
        ModelVersion saved = store.inTransaction(() -> {
            if (!outlierIds.isEmpty()) {
                store.exclude(outlierIds, "outlier: |relative residual - median| > " + options.outlierK() + "·MAD in fit by " + author);
            }
            Long parent = store.active(device, kernel).map(ModelVersion::id).orElse(null);
            ModelVersion v = store.saveVersion(new NewVersion(device, kernel, parent, fitted.model(), fitted.ranges(),
                    fitted.dataHash(), fitted.metrics(), author, note));
            if (activate) store.activate(v.id());
            return v;
        });
        return new Fitted(saved, outlierIds.size());
    }

    public static List<TrainingRow> rows(List<StoredSample> samples) {
        return samples.stream().map(s -> new TrainingRow(s.features(), s.nanos())).toList();
    }
}
