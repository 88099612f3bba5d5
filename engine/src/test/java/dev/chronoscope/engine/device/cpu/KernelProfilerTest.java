package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.KernelNames;
import dev.chronoscope.engine.profiling.ProfileCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelProfilerTest {
    @TempDir Path dir;

    private static KernelProfiler parsed(String... args) {
        KernelProfiler p = new KernelProfiler();
        new CommandLine(p).parseArgs(args);
        return p;
    }

    @Test
    void theDefaultPlanCoversEveryKernelOfDesignSection8() {
        List<ProfileCase> plan = parsed().plan();
        assertThat(plan.stream().map(ProfileCase::kernel).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(KernelNames.OPERATORS);
        // 13 per-token ops × 13 token counts + prefill 2×4×2 + decode 4×4
        assertThat(plan).hasSize(13 * 13 + 16 + 16);
    }

    @Test
    void writesTheSampleCsvWithModelFeatureNames() throws Exception {
        Path out = dir.resolve("samples.csv");
        int rc = new CommandLine(new KernelProfiler()).execute("--tp", "2", "--widths", "128", "--ops", "sampler,attn_prefill",
                "--tokens", "3", "--prefill-batches", "2", "--prefill-lengths", "8", "--prefill-cached", "4", "--min-reps", "1", "--max-reps", "1", "--budget-ms", "0", "--warmup-ms", "0",
                "--source", "test", "--out", out.toString());
        assertThat(rc).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("kernel,duration_ns,source,num_tokens,n_embd,n_head,n_kv_head,n_expanded_embd,vocab_size,"
                + "use_gated_mlp,tp,batch_size,sum_q_kv,sum_kv,block_size,max_blocks_per_seq,size,num_workers,devices_per_node,per_rank");
        assertThat(lines).hasSize(3);
        // tiny (head size 32) scaled to hidden 128: 4 heads, 2 KV heads, intermediate 704·128/256 = 352, vocabulary 512·128/256 = 256
        assertThat(row(lines, "sampler")).containsExactly("sampler", "test", "3", "128", "4", "2", "352", "256", "1", "2", "", "", "", "", "", "", "", "", "");
        // two sequences of 8 new tokens over 4 cached: 16 tokens, Σq·kv = 2·8·12, Σkv = 24, one 16-token block each
        assertThat(row(lines, "attn_prefill")).containsExactly("attn_prefill", "test", "16", "128", "4", "2", "352", "256", "1", "2", "2", "192", "24", "16", "1", "", "", "", "");
        for (String line : lines.subList(1, 3)) assertThat(Long.parseLong(line.split(",")[1])).isPositive();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> parsed("--tp", "3").plan()).hasMessageContaining("--tp: tiny").hasMessageContaining("does not split 3 ways");
        assertThatThrownBy(() -> parsed("--ops", "mlp_up").plan()).hasMessageContaining("--ops: unknown kernel 'mlp_up'").hasMessageContaining("mlp_up_proj");
        assertThatThrownBy(() -> parsed("--widths", "100").plan()).hasMessageContaining("--widths: 100 is not a positive multiple of 64 (head size 32 × 2 query heads per KV head of tiny)");
        assertThatThrownBy(() -> parsed("--tokens", "0").plan()).hasMessageContaining("--tokens: expected counts ≥ 1, got 0");
        assertThatThrownBy(() -> parsed("--clock", "tsc").plan()).hasMessageContaining("--clock: expected cpu or wall");
    }

    /** The row of {@code kernel} without its duration. */
    private static List<String> row(List<String> lines, String kernel) {
        String line = lines.stream().filter(l -> l.startsWith(kernel + ",")).findFirst().orElseThrow();
        List<String> cells = Arrays.asList(line.split(",", -1));
        List<String> out = new java.util.ArrayList<>(cells);
        out.remove(1);
        return out;
    }
}
