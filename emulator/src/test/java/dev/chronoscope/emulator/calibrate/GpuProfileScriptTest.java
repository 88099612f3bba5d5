package dev.chronoscope.emulator.calibrate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** calibrate/profile_gpu.py needs a GPU to run; here it is compiled and its GPU-free paths (plan, errors) are checked. */
class GpuProfileScriptTest {
    private static final Path SCRIPT = Path.of("..", "calibrate", "profile_gpu.py").toAbsolutePath().normalize();
    @TempDir Path dir;

    private record Result(int rc, String output) {}

    @BeforeAll
    static void needsPython() {
        assumeTrue(Files.isRegularFile(SCRIPT), "skipped: " + SCRIPT + " not found (tests run from the emulator module of a full checkout)");
        assumeTrue(python(List.of("--version")).rc() == 0, "skipped: python3 is not installed");
    }

    private static Result python(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("python3", "-B"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    @Test
    void compiles() {
        Result r = python(List.of("-c", "import py_compile,sys; py_compile.compile(sys.argv[1], cfile='" + dir.resolve("x.pyc") + "', doraise=True)", SCRIPT.toString()));
        assertThat(r.rc()).as(r.output()).isZero();
    }

    @Test
    void planListsTheShapesInTheSampleFormatWithoutAGpu() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"hidden_size\": 4096, \"num_attention_heads\": 32, \"num_key_value_heads\": 8, \"intermediate_size\": 14336, \"vocab_size\": 128256}");
        Result r = python(List.of(SCRIPT.toString(), "--config", config.toString(), "--tp", "2", "--plan", "--ops", "mlp_up_proj,attn_decode",
                "--tokens", "1,8", "--decode-batches", "4", "--decode-contexts", "128"));
        assertThat(r.rc()).as(r.output()).isZero();
        assertThat(r.output()).contains("3 shapes for " + config + " at TP 2")
                .contains("kernel,duration_ns,source,num_tokens,n_embd,n_head,n_kv_head,n_expanded_embd,vocab_size,"
                        + "use_gated_mlp,tp,batch_size,sum_q_kv,sum_kv,block_size,max_blocks_per_seq,size,num_workers,devices_per_node")
                .contains("mlp_up_proj num_tokens=8 n_embd=4096 n_head=32 n_kv_head=8 n_expanded_embd=14336 vocab_size=128256 use_gated_mlp=1 tp=2")
                .contains("attn_decode num_tokens=4 n_embd=4096 n_head=32 n_kv_head=8 n_expanded_embd=14336 vocab_size=128256 use_gated_mlp=1 tp=2 "
                        + "batch_size=4 sum_kv=512 block_size=16 max_blocks_per_seq=8");
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 4096, \"num_attention_heads\": 32, \"intermediate_size\": 14336}");
        assertThat(python(List.of(SCRIPT.toString(), "--config", config.toString(), "--plan")).output())
                .contains(config + ": field 'vocab_size' must be a positive integer, got None");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"hidden_size\": 4096,\n  oops}");
        assertThat(python(List.of(SCRIPT.toString(), "--config", broken.toString(), "--plan")).output()).contains(broken + ": not valid JSON at line 2, column 3");
        assertThat(python(List.of(SCRIPT.toString(), "--config", config.toString(), "--out", "samples.txt")).output())
                .contains("--out: expected a .csv or .json file name, got 'samples.txt'");
    }
}
