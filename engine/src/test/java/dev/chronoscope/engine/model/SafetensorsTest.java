package dev.chronoscope.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static final float[] VALUES = {1.0f, -2.5f, 0.1f, 65504f, 1e-3f, 3.14159f};

    @Test
    void f32RoundTripsExactly() throws IOException {
        Path p = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("a", new long[]{2, 3}, VALUES).add("b", new long[]{1}, new float[]{7}).write(p, "F32");
        SafetensorsFile f = SafetensorsFile.open(p);
        assertThat(f.entries().keySet()).containsExactly("a", "b");
        assertThat(f.entries().get("a").shape()).containsExactly(2, 3);
        assertThat(f.read("a")).containsExactly(VALUES);
        assertThat(f.read("b")).containsExactly(7f);
    }

    @Test
    void bf16AndF16RoundToTheNearestRepresentableValue() throws IOException {
        Path bf = dir.resolve("bf.safetensors"), hf = dir.resolve("hf.safetensors");
        new SafetensorsWriter().add("a", new long[]{6}, VALUES).write(bf, "BF16");
        new SafetensorsWriter().add("a", new long[]{6}, VALUES).write(hf, "F16");
        float[] b = SafetensorsFile.open(bf).read("a"), h = SafetensorsFile.open(hf).read("a");
        assertThat(b[0]).isEqualTo(1.0f);
        assertThat(b[1]).isEqualTo(-2.5f);
        assertThat(b[5]).isEqualTo(3.140625f); // bf16 keeps 8 significant bits
        assertThat(h[3]).isEqualTo(65504f);    // largest half-precision value
        assertThat(h[5]).isEqualTo(3.140625f);
        var e = SafetensorsFile.open(bf).entries().get("a");
        assertThat(e.end() - e.begin()).isEqualTo(12);
    }

    @Test
    void aTruncatedFileNamesTheTensorAndBytes() throws IOException {
        Path p = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("layer.weight", new long[]{2, 3}, VALUES).write(p, "F32");
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 4));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining("w.safetensors")
                .hasMessageContaining("'layer.weight'").hasMessageContaining("outside the file");
    }

    @Test
    void aBadHeaderLengthNamesByteZero() throws IOException {
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining("at byte 0");
    }

    @Test
    void invalidHeaderJsonNamesTheByteOffset() throws IOException {
        Path p = dir.resolve("bad.safetensors");
        byte[] header = "{\"a\": {\"dtype\": \"F32\",, }".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Files.write(p, b.array());
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining("header JSON invalid at byte");
    }

    @Test
    void unsupportedDtypeIsNamed() throws IOException {
        Path p = dir.resolve("i8.safetensors");
        byte[] header = "{\"q\": {\"dtype\": \"I8\", \"shape\": [2], \"data_offsets\": [0, 2]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Files.write(p, b.array());
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining("'q'").hasMessageContaining("'I8'");
    }

    @Test
    void aShapeMismatchIsReportedByTheCheckpoint() throws IOException {
        Path p = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("a", new long[]{2, 3}, VALUES).write(p, "F32");
        assertThatThrownBy(() -> Checkpoint.open(p).read("a", new long[]{3, 2})).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Checkpoint.open(dir).read("missing", new long[]{1})).hasMessageContaining("'missing'");
    }
}
