package dev.chronoscope.modeleditor;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.Solver;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.emulator.models.store.StoredSample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store with one kernel (a100-80gb/add) of 40 synthetic samples: duration = 2 µs + 1.5 ns per
 * token-row kilobyte, with a fixed ±3 % ripple, and one sample measured 3× too slow. One version
 * is fitted on all of them (outlier included: the fitter's own rule is off) and active.
 */
public final class SyntheticStore {
    public static final String DEVICE = "a100-80gb", KERNEL = "add";
    public static final int SAMPLES = 40, OUTLIER_INDEX = 17;

    private SyntheticStore() {}

    public static ModelStore create(Path dir) {
        ModelStore store = ModelStore.open(dir.resolve("models.db"));
        List<NewSample> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            double tokens = 16 * (i + 1);
            double nanos = (2_000 + 1.5 * tokens * 4096 * 2 / 1024) * (1 + 0.03 * Math.sin(i));
            if (i == OUTLIER_INDEX) nanos *= 3;
            samples.add(new NewSample(KERNEL, Features.of("num_tokens", tokens, "n_embd", 4096, "tp", 1), nanos, "test"));
        }
        store.addSamples(DEVICE, samples);
        new KernelModels(store, d -> Optional.empty()).fit(DEVICE, KERNEL, options(), "test", "first fit", true);
        return store;
    }

    /** Linear in (1, bytes), with the outlier rule switched off so the first fit keeps every sample. */
    public static FitOptions options() {
        return new FitOptions(ModelForm.LINEAR, List.of("1", "bytes"), Solver.NNLS, 0, 5, 1e9);
    }

    public static long outlierId(ModelStore store) {
        List<StoredSample> all = store.samples(DEVICE, KERNEL, true);
        return all.get(OUTLIER_INDEX).id();
    }

    public static ModelVersion active(ModelStore store) {
        return store.active(DEVICE, KERNEL).orElseThrow();
    }
}
