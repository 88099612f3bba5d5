package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.Solver;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.NewSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CalibratedRuntimeTest {
    @TempDir Path dir;

    private static void fit(ModelStore store, String kernel, List<String> features, NewSample... samples) {
        store.addSamples("cpu-local", List.of(samples));
        new KernelModels(store, d -> Optional.empty()).fit("cpu-local", kernel,
                new FitOptions(ModelForm.LINEAR, features, Solver.NNLS, 0, 2, 8), "test", "test", true);
    }

    private static NewSample sample(String kernel, double nanos, Object... features) {
        return new NewSample(kernel, Features.of(features), nanos, "test");
    }

    @Test
    void theStoresRuntimeCostsAndCollectiveModelsAreReadForTheRunsLayout() {
        try (ModelStore store = ModelStore.open(dir.resolve("m.db"))) {
            fit(store, "launch_latency", List.of("1"), sample("launch_latency", 10_000), sample("launch_latency", 12_000));
            fit(store, "host_step", List.of("1", "per_rank"), sample("host_step", 60_000, "per_rank", 0),
                    sample("host_step", 60_000, "per_rank", 0), sample("host_step", 500_000, "per_rank", 1),
                    sample("host_step", 500_000, "per_rank", 1));
            fit(store, "all_reduce", List.of("1"), sample("all_reduce", 40_000, "size", 1024, "num_workers", 2),
                    sample("all_reduce", 40_000, "size", 4096, "num_workers", 2));
            KernelPredictor predictor = new KernelModels(store, d -> Optional.empty()).predictor();

            CalibratedRuntime threads = CalibratedRuntime.read(store, "cpu-local", predictor, false);
            assertThat(threads.launchLatencyNanos().orElseThrow()).isBetween(10_000L, 12_000L);
            assertThat(threads.syncLatencyNanos()).as("not calibrated: the default stays").isEqualTo(OptionalLong.empty());
            assertThat(threads.hostStepNanos()).hasValue(60_000);
            assertThat(threads.collectives()).isEqualTo(Set.of(CollectiveOp.ALL_REDUCE));
            assertThat(CalibratedRuntime.read(store, "cpu-local", predictor, true).hostStepNanos()).hasValue(500_000);
            assertThat(CalibratedRuntime.read(store, "h100-sxm", predictor, false))
                    .as("another device keeps every default").isEqualTo(CalibratedRuntime.NONE);
        }
    }
}
