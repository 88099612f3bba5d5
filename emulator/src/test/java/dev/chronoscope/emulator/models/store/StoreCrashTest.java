package dev.chronoscope.emulator.models.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A process killed with SIGKILL in the middle of fit-and-save leaves a store at its last committed version. */
class StoreCrashTest {
    @TempDir Path dir;

    @Test
    void killedWriterLeavesTheLastCommittedVersionActive() throws Exception {
        Path file = dir.resolve("crash.db");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                FitAndSaveLoop.class.getName(), file.toString()).redirectErrorStream(true).start();
        long lastCommitted = 0;
        int commits = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (commits < 5 && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    lastCommitted = Long.parseLong(line.substring("committed ".length()));
                    commits++;
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(commits).as("versions the child committed before it was killed").isEqualTo(5);
        try (ModelStore store = ModelStore.open(file)) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            ModelVersion active = store.active("h100-sxm", "add").orElseThrow();
            assertThat(active.id()).isGreaterThanOrEqualTo(lastCommitted);
            assertThat(store.versions("h100-sxm", "add")).extracting(ModelVersion::id).contains(lastCommitted).last().isEqualTo(active.id());
            assertThat(store.samples("h100-sxm", "add", true)).hasSize(400);
        }
    }
}
