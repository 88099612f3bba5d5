package dev.chronoscope.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.emulator.run.EmulatedRun;
import dev.chronoscope.emulator.run.EngineInstallation;
import dev.chronoscope.engine.cli.EngineCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §5: the engine's code is byte-identical in both modes; only the agent's presence differs. */
class SameEngineRealAndEmulatedTest {

    /** SHA-256 over the engine's jar, or over every file of its classes directory in name order. */
    private static String checksum(Path location) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        if (Files.isRegularFile(location)) {
            sha.update(Files.readAllBytes(location));
        } else {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    sha.update(location.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(f));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void theSameEngineClassesRunForRealOnTheCpuAndEmulatedOnAnH100(@TempDir Path dir) throws Exception {
        Path engine = Path.of(EngineCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String before = checksum(engine);
        EngineInstallation installation = TestInstallation.create(dir);

        Path realResult = dir.resolve("real.json");
        List<String> real = new ArrayList<>(List.of(installation.javaExecutable().toString(), "-cp",
                installation.engineClasspath(), EngineInstallation.ENGINE_MAIN));
        real.addAll(EmulateEndToEndTest.scenario("tiny", 1, 4, 24, 4, 1000).benchArguments(realResult));
        Process process = new ProcessBuilder(real).redirectErrorStream(true).start();
        String realOutput = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(realOutput).isZero();

        Path out = dir.resolve("emulated");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new EmulatedRun(EmulateEndToEndTest.scenario("tiny", 1, 4, 24, 4, 1000), installation, out, 0)
                .run(new PrintStream(console, true, StandardCharsets.UTF_8), System.err, p -> { });

        JsonNode r = new ObjectMapper().readTree(realResult.toFile());
        JsonNode e = new ObjectMapper().readTree(out.resolve(EmulatedRun.RESULT_FILE).toFile());
        assertThat(e.get("completed").asInt()).isEqualTo(r.get("completed").asInt()).isEqualTo(4);
        assertThat(e.get("input_lens")).isEqualTo(r.get("input_lens"));
        assertThat(e.get("output_lens")).isEqualTo(r.get("output_lens"));
        assertThat(r.has("kernel_events")).isFalse();
        assertThat(e.get("kernel_events").asLong()).isPositive();
        assertThat(checksum(engine)).isEqualTo(before);
    }
}
