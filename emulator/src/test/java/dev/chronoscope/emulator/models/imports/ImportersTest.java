package dev.chronoscope.emulator.models.imports;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.TestSamples;
import dev.chronoscope.emulator.models.store.NewSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImportersTest {
    @TempDir Path dir;

    @Test
    void vidurMlpRowsBecomeOneSamplePerOpInNanoseconds() throws IOException {
        Path mlp = TestSamples.vidurMlp(dir, new int[]{1, 64}, new int[]{1, 2});
        List<NewSample> s = VidurMlpImporter.read(mlp);
        assertThat(s).hasSize(4 * 10);
        NewSample first = s.getFirst();
        assertThat(first.kernel()).isEqualTo("emb");
        assertThat(first.nanos()).isCloseTo((0.003 + 1e-5) * 1e6, within(1e-6));
        assertThat(first.features()).isEqualTo(Features.of("num_tokens", 1, "n_embd", 4096, "n_head", 32, "n_kv_head", 8,
                "n_expanded_embd", 14336, "vocab_size", 128256, "use_gated_mlp", 1, "tp", 1));
        assertThat(first.source()).startsWith("vidur:");
    }

    @Test
    void aBadCellNamesFileLineAndColumn() throws IOException {
        Path mlp = TestSamples.vidurMlp(dir, new int[]{1, 64, 128}, new int[]{1});
        List<String> lines = Files.readAllLines(mlp);
        lines.set(2, lines.get(2).replaceFirst("^[^,]*,[^,]*,[^,]*,[^,]*", "x,x,x,oops"));
        Files.write(mlp, lines);
        assertThatThrownBy(() -> VidurMlpImporter.read(mlp)).isInstanceOf(ImportException.class)
                .hasMessageContaining(mlp + ":3").hasMessageContaining("column 'time_stats.emb.median'").hasMessageContaining("'oops' is not a number");
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("mlp.csv"), "time_stats.emb.median,n_head\n0.1,32\n");
        assertThatThrownBy(() -> VidurMlpImporter.read(f)).hasMessageContaining(":1: column 'n_kv_head': required column missing");
    }

    @Test
    void vidurAttentionRowsBecomePrefillOrDecodeWithAggregateFeatures() throws IOException {
        Path f = Files.writeString(dir.resolve("attention.csv"), """
                time_stats.attn_prefill.median,time_stats.attn_decode.median,time_stats.attn_kv_cache_save.median,n_embd,n_q_head,n_kv_head,block_size,num_tensor_parallel_workers,max_model_len,batch_size,prefill_chunk_size,kv_cache_size,is_prefill,attention_backend
                0.5,,0.01,4096,32,8,16,1,4096,2,256,1024,True,FLASHINFER
                ,0.2,0.01,4096,32,8,16,1,4096,64,0,2048,False,FLASHINFER
                """);
        List<NewSample> s = VidurAttentionImporter.read(f);
        assertThat(s).extracting(NewSample::kernel).containsExactly("attn_prefill", "attn_kv_cache_save", "attn_decode", "attn_kv_cache_save");
        Features prefill = s.getFirst().features();
        assertThat(prefill.get("num_tokens", 0)).isEqualTo(512);
        assertThat(prefill.get("sum_q_kv", 0)).isEqualTo(2 * 256 * (1024 + 256));
        assertThat(prefill.get("sum_kv", 0)).isEqualTo(2 * (1024 + 256));
        Features decode = s.get(2).features();
        assertThat(decode.get("sum_kv", 0)).isEqualTo(64 * 2048);
        assertThat(decode.get("batch_size", 0)).isEqualTo(64);
        assertThat(s.get(2).nanos()).isCloseTo(200_000, within(1e-6));
    }

    @Test
    void attentionRowWithBadFlagIsRejected() throws IOException {
        Path f = Files.writeString(dir.resolve("attention.csv"), """
                time_stats.attn_prefill.median,time_stats.attn_decode.median,n_embd,n_q_head,n_kv_head,block_size,num_tensor_parallel_workers,batch_size,prefill_chunk_size,kv_cache_size,is_prefill
                0.5,,4096,32,8,16,1,2,256,1024,maybe
                """);
        assertThatThrownBy(() -> VidurAttentionImporter.read(f)).hasMessageContaining(":2: column 'is_prefill': 'maybe' is not True or False");
    }

    @Test
    void vidurNetworkFilesAndFoldersImport() throws IOException {
        TestSamples.vidurNetwork(dir.resolve("net"), "all_reduce");
        TestSamples.vidurNetwork(dir.resolve("net"), "send_recv");
        List<NewSample> s = VidurImporter.read(dir.resolve("net"));
        assertThat(s).extracting(NewSample::kernel).containsOnly("all_reduce", "send_recv");
        assertThat(s.getFirst().features()).isEqualTo(Features.of("size", 2048, "num_workers", 2, "devices_per_node", 2));
        assertThat(s.getFirst().nanos()).isCloseTo((0.02 + 2048 / 1e8 * 2) * 1e6, within(1e-6));
    }

    @Test
    void negativeNetworkTimeIsRejected() throws IOException {
        Path f = TestSamples.vidurNetwork(dir, "all_reduce");
        List<String> lines = Files.readAllLines(f);
        String[] cells = lines.get(5).split(",");
        cells[4] = "-0.5";
        lines.set(5, String.join(",", cells));
        Files.write(f, lines);
        assertThatThrownBy(() -> VidurNetworkImporter.read(f)).hasMessageContaining(":6: column 'time_stats.all_reduce.median': -0.5 must be greater than zero");
    }

    private Path nsys(long badEnd) throws SQLException {
        Path db = dir.resolve("trace.sqlite");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.execute("CREATE TABLE StringIds (id INTEGER PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE CUPTI_ACTIVITY_KIND_KERNEL (start INTEGER NOT NULL, end INTEGER NOT NULL, deviceId INTEGER, "
                    + "gridX INTEGER, gridY INTEGER, gridZ INTEGER, blockX INTEGER, blockY INTEGER, blockZ INTEGER, shortName INTEGER, demangledName INTEGER)");
            s.execute("INSERT INTO StringIds VALUES (1, 'ampere_bf16_s16816gemm'), (2, 'rms_norm_kernel')");
            s.execute("INSERT INTO CUPTI_ACTIVITY_KIND_KERNEL VALUES (1000, 26000, 0, 108, 1, 1, 256, 1, 1, 1, 1)");
            s.execute("INSERT INTO CUPTI_ACTIVITY_KIND_KERNEL VALUES (30000, " + badEnd + ", 0, 512, 1, 1, 1024, 1, 1, 2, 2)");
        }
        return db;
    }

    @Test
    void nsightSystemsKernelsImportWithLaunchConfiguration() throws SQLException {
        List<NewSample> s = NsysImporter.read(nsys(34000));
        assertThat(s).extracting(NewSample::kernel).containsExactly("ampere_bf16_s16816gemm", "rms_norm_kernel");
        assertThat(s.getFirst().nanos()).isEqualTo(25000);
        assertThat(s.get(1).features()).isEqualTo(Features.of("grid_x", 512, "grid_y", 1, "grid_z", 1, "block_x", 1024, "block_y", 1, "block_z", 1));
    }

    @Test
    void nsightSystemsKernelEndingBeforeItStartsIsRejected() throws SQLException {
        Path db = nsys(20000);
        assertThatThrownBy(() -> NsysImporter.read(db)).hasMessageContaining(db + ":2: column 'end'").hasMessageContaining("not after start 30000");
    }

    @Test
    void notAnNsysExportIsExplained() throws IOException {
        Path f = Files.writeString(dir.resolve("x.sqlite"), "");
        assertThatThrownBy(() -> NsysImporter.read(f)).hasMessageContaining("no table CUPTI_ACTIVITY_KIND_KERNEL");
    }

    @Test
    void ownCsvAndJsonSamples() throws IOException {
        Path csv = Files.writeString(dir.resolve("s.csv"), "kernel,duration_ns,source,num_tokens,n_embd\nadd,1500,calibrate:cpu-local,16,64\nemb,900,,8,\n");
        List<NewSample> a = SampleFileImporter.read(csv);
        assertThat(a.getFirst().source()).isEqualTo("calibrate:cpu-local");
        assertThat(a.get(1).features()).isEqualTo(Features.of("num_tokens", 8));
        Path json = Files.writeString(dir.resolve("s.json"), """
                {"device": "cpu-local",
                 "samples": [
                   {"kernel": "add", "duration_ns": 1500, "features": {"num_tokens": 16, "n_embd": 64}, "source": "calibrate:cpu-local"},
                   {"kernel": "emb", "duration_ns": 900, "features": {"num_tokens": 8}}
                 ]}
                """);
        List<NewSample> b = SampleFileImporter.read(json);
        assertThat(b).extracting(NewSample::kernel).containsExactly("add", "emb");
        assertThat(b.getFirst().features()).isEqualTo(Features.of("num_tokens", 16, "n_embd", 64));
    }

    @Test
    void ownFormatsRejectBadValuesWithLocation() throws IOException {
        Path csv = Files.writeString(dir.resolve("s.csv"), "kernel,duration_ns,num_tokens\nadd,1500,16\nadd,0,16\n");
        assertThatThrownBy(() -> SampleFileImporter.read(csv)).hasMessageContaining(":3: column 'duration_ns': 0 must be greater than zero");
        Path json = Files.writeString(dir.resolve("s.json"), """
                {"samples": [
                   {"kernel": "add", "duration_ns": 1500, "features": {"num_tokens": 16}},
                   {"kernel": "add", "duration_ns": 1500, "features": {"num_tokens": "many"}}
                 ]}
                """);
        assertThatThrownBy(() -> SampleFileImporter.read(json)).hasMessageContaining(":3: column 'features.num_tokens'").hasMessageContaining("samples[1]");
    }
}
