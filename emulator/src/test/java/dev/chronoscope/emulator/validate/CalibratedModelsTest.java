package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.calibrate.CalibrationGrid;
import dev.chronoscope.emulator.calibrate.Calibrator;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.NewSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CalibratedModelsTest {

    private static Features shape(int tokens) {
        return Features.of("num_tokens", tokens, "n_embd", 256, "num_tensor_parallel_workers", 1);
    }

    @Test
    void aKernelCountsAsCalibratedOnlyWithSamplesFromCalibrate(@TempDir Path dir) {
        CalibrationGrid grid = CalibrationGrid.quick().restrictedTo(List.of("add", "mlp_act"));
        try (ModelStore store = ModelStore.open(dir.resolve("models.db"))) {
            DefaultModels.load().seedIfEmpty(store);
            assertThat(CalibratedModels.missing(store, grid)).containsExactly("add", "mlp_act");

            store.addSamples(Calibrator.DEVICE, List.of(new NewSample("add", shape(8), 1_000, "import:elsewhere")));
            assertThat(CalibratedModels.missing(store, grid)).as("samples from elsewhere").containsExactly("add", "mlp_act");

            store.addSamples(Calibrator.DEVICE, IntStream.of(1, 2, 3, 4, 8, 16, 32, 64, 128, 256, 512, 1024).mapToObj(
                    t -> new NewSample("add", shape(t), 500.0 + 20 * t + t * t / 64.0, Calibrator.SOURCE)).toList());
            assertThat(CalibratedModels.missing(store, grid)).as("samples but no active model").containsExactly("add", "mlp_act");

            new KernelModels(store, d -> Optional.empty()).fit(Calibrator.DEVICE, "add", FitOptions.defaultsFor("add"), "test", "fit", true);
            assertThat(CalibratedModels.missing(store, grid)).containsExactly("mlp_act");
        }
    }
}
