package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser over a store seeded with the shipped defaults. */
class BrowserViewModelTest {
    @TempDir Path dir;

    @Test void listsFittedKernelsWithMetricsAndMarksRooflineOnlyOnes() {
        try (ModelStore store = ModelStore.open(dir.resolve("m.db"))) {
            DefaultModels.load().seedIfEmpty(store);
            var vm = new ModelEditorViewModel(store, new CurrentThreadTaskExecutor(), d -> Optional.empty(), CalibrationService.notAvailable("x"));
            vm.start();
            BrowserNode h100 = vm.browser().devices().stream().filter(d -> d.row().device().equals("h100-sxm")).findFirst().orElseThrow();
            BrowserRow up = h100.children().stream().map(BrowserNode::row).filter(r -> r.kernel().equals("mlp_up_proj")).findFirst().orElseThrow();
            assertThat(up.rooflineOnly()).isFalse();
            assertThat(up.version().metrics().cvMape()).isBetween(1.0, 15.0);
            assertThat(up.samplesUsed()).isEqualTo(up.version().metrics().samples()).isPositive();
            assertThat(up.status()).startsWith("active v" + up.version().id());
            assertThat(vm.browser().rooflineOnly()).contains(new KernelKey("h100-sxm", "attn_decode"), new KernelKey("h200", "mlp_up_proj"))
                    .doesNotContain(new KernelKey("h100-sxm", "mlp_up_proj"));
            BrowserNode decode = h100.children().stream().filter(k -> k.row().kernel().equals("attn_decode")).findFirst().orElseThrow();
            assertThat(decode.row().status()).isEqualTo("roofline default");
        }
    }
}
