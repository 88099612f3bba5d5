package dev.chronoscope.emulator.models;

import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.defaults.RooflineDefaults;
import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.form.FeatureRanges;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.form.LinearModel;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.store.ModelVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StorePredictorTest {
    private static final Features LLAMA3_8B = Features.of("num_tokens", 256, "n_embd", 4096, "n_head", 32, "n_kv_head", 8,
            "n_expanded_embd", 14336, "vocab_size", 128256, "use_gated_mlp", 1, "tp", 1, "batch_size", 8, "sum_q_kv", 8192,
            "sum_kv", 16384, "size", 1 << 20, "num_workers", 4);

    @Test
    void everyDeviceAndKernelGetsARooflineAnswerWithoutFittedModels() {
        StorePredictor p = new StorePredictor(List.of(), d -> Optional.empty(), RooflineDefaults.NOMINAL);
        for (RooflineSpec spec : BuiltInDeviceSpecs.ALL) {
            for (String kernel : KernelNames.all()) {
                Prediction pr = p.predict(spec.device(), kernel, LLAMA3_8B);
                assertThat(pr.durationNanos()).as(spec.device() + "/" + kernel).isPositive();
                assertThat(pr.modelVersion()).isEqualTo("roofline/" + spec.device() + "/" + kernel);
            }
        }
        assertThat(p.predict("h100-sxm", "mlp_up_proj", LLAMA3_8B).durationNanos())
                .isLessThan(p.predict("a100-80gb", "mlp_up_proj", LLAMA3_8B).durationNanos());
    }

    @Test
    void activeVersionAnswersFlagsOutOfRangeAndIsMemoised() {
        ModelVersion v = new ModelVersion(7, "a40", "add", null, new LinearModel(List.of("1", "num_tokens"), new double[]{1000, 2}),
                new FeatureRanges(Map.of("num_tokens", new double[]{1, 4096})), "h", new FitMetrics(1, 0, 0, 0, 3), "t", "n", Instant.EPOCH);
        StorePredictor p = new StorePredictor(List.of(v), d -> Optional.empty(), RooflineDefaults.NOMINAL);
        Prediction in = p.predict("a40", "add", Features.of("num_tokens", 100));
        assertThat(in).isEqualTo(new Prediction(1200, "a40/add@7", false));
        assertThat(p.predict("a40", "add", Features.of("num_tokens", 100))).isSameAs(in);
        assertThat(p.predict("a40", "add", Features.of("num_tokens", 10_000))).isEqualTo(new Prediction(21_000, "a40/add@7", true));
        assertThat(p.predict("h100-sxm", "add", Features.of("num_tokens", 100)).modelVersion()).isEqualTo("roofline/h100-sxm/add");
    }

    @Test
    void theCatalogueOverridesBuiltInFiguresAndVariantsUseTheirBaseDevice() {
        RooflineSpec slow = new RooflineSpec("a100-80gb", 1e12, 1e10, 0, 1e9, 0, "test");
        StorePredictor catalogued = new StorePredictor(List.of(), d -> d.equals("a100-80gb") ? Optional.of(slow) : Optional.empty(), RooflineDefaults.NOMINAL);
        StorePredictor builtIn = new StorePredictor(List.of(), d -> Optional.empty(), RooflineDefaults.NOMINAL);
        assertThat(catalogued.predict("a100-80gb", "add", LLAMA3_8B).durationNanos()).isGreaterThan(builtIn.predict("a100-80gb", "add", LLAMA3_8B).durationNanos());
        assertThat(builtIn.spec("a100-80gb:pairwise-nvlink")).isEqualTo(BuiltInDeviceSpecs.get("a100-80gb"));
    }

    @Test
    void shippedDefaultsCoverTheProfiledDevicesWithMetrics() {
        DefaultModels defaults = DefaultModels.load();
        var entries = defaults.entries();
        for (String device : List.of("h100-sxm", "a100-80gb", "a40")) {
            for (String op : TestSamples.OPS) {
                assertThat(entries).as(device + "/" + op).anySatisfy(e -> {
                    assertThat(e.version().device()).isEqualTo(device);
                    assertThat(e.version().kernel()).isEqualTo(op);
                    assertThat(e.active()).isTrue();
                    assertThat(e.version().metrics().cvMape()).isBetween(0.0, 15.0);
                });
            }
        }
        assertThat(entries).anySatisfy(e -> assertThat(e.version().device() + "/" + e.version().kernel()).isEqualTo("h100-sxm/all_reduce"));
        assertThat(defaults.roofline().isFitted("mlp_up_proj")).isTrue();
        assertThat(defaults.roofline().isFitted("attn_decode")).isFalse();
    }
}
