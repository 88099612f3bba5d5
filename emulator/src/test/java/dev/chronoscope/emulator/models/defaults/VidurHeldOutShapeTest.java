package dev.chronoscope.emulator.models.defaults;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * DESIGN §13: kernel models checked on model shapes they were not fitted on. Reads the public Vidur
 * profiles beside the checkout (../shared/data/vidur, or -Dchronoscope.vidur=DIR) and skips,
 * saying so, where they are absent.
 */
@Tag("slow")
class VidurHeldOutShapeTest {

    private static Path vidur() {
        return Stream.of(System.getProperty("chronoscope.vidur"), "../shared/data/vidur", "../../shared/data/vidur")
                .filter(p -> p != null && Files.isDirectory(Path.of(p, "profiling/compute/a100")))
                .map(Path::of).findFirst().orElse(null);
    }

    @Test
    void linearAndNormOpsTransferToUnseenLlamaThreeShapesWithinTenPercent() {
        Path dir = vidur();
        assumeTrue(dir != null, "SKIPPED: Vidur profiles not found (../shared/data/vidur or -Dchronoscope.vidur=DIR); held-out-shape check not run");
        Path a100 = dir.resolve("profiling/compute/a100");
        var results = HeldOutShapeCheck.run(BuiltInDeviceSpecs.get("a100-80gb"),
                List.of(a100.resolve("meta-llama/Llama-2-7b-hf/mlp.csv"), a100.resolve("meta-llama/Llama-2-70b-hf/mlp.csv"),
                        a100.resolve("codellama/CodeLlama-34b-Instruct-hf/mlp.csv")),
                List.of(a100.resolve("meta-llama/Meta-Llama-3-8B/mlp.csv"), a100.resolve("meta-llama/Meta-Llama-3-70B/mlp.csv")));
        assertThat(results).hasSize(10);
        for (var r : results) {
            System.out.printf("held-out %-26s %5.1f%%%n", r.op(), r.heldOutMape());
            if (List.of("attn_pre_proj", "attn_post_proj", "mlp_up_proj", "mlp_down_proj", "input_layernorm", "post_attention_layernorm").contains(r.op())) {
                assertThat(r.heldOutMape()).as(r.op()).isLessThanOrEqualTo(10);
            }
        }
    }
}
