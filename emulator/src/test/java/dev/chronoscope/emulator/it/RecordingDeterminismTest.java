package dev.chronoscope.emulator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.sink.FileSink;
import dev.chronoscope.emulator.stream.sink.InMemorySink;
import dev.chronoscope.emulator.stream.sink.RunFolderSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modeled mode promises byte-identical interposer streams for the same program, on any machine,
 * under any load (DESIGN §6): the scripted TP-4 program recorded 5 times, and 5 more times while
 * another thread keeps a core busy, in both encodings.
 */
class RecordingDeterminismTest {
    private static final int RUNS = 5;

    @TempDir
    Path dir;

    @Test
    void fiveRunsAndFiveRunsBesideABusyCoreGiveByteIdenticalStreams() throws Exception {
        byte[] binary = recordTo("reference.bin");
        byte[] ndjson = recordTo("reference.ndjson");
        assertThat(binary).startsWith("CHRSTRM".getBytes());
        assertThat(new String(ndjson, StandardCharsets.UTF_8).lines().count())
                .as("header, one line per event, trailer").isGreaterThan(60);

        for (int run = 1; run < RUNS; run++) {
            assertThat(recordTo("run-" + run + ".bin")).as("binary run %d", run).isEqualTo(binary);
            assertThat(recordTo("run-" + run + ".ndjson")).as("NDJSON run %d", run).isEqualTo(ndjson);
        }

        AtomicBoolean spin = new AtomicBoolean(true);
        Thread busyCore = Thread.ofPlatform().name("busy-core").start(() -> {
            while (spin.get()) Thread.onSpinWait();
        });
        try {
            for (int run = 0; run < RUNS; run++) {
                assertThat(recordTo("busy-" + run + ".bin")).as("binary run %d beside a busy core", run).isEqualTo(binary);
                assertThat(recordTo("busy-" + run + ".ndjson")).as("NDJSON run %d beside a busy core", run).isEqualTo(ndjson);
            }
        } finally {
            spin.set(false);
            busyCore.join();
        }
    }

    @Test
    void bothEncodingsReadBackAsExactlyTheEventsTheProgramEmitted() throws Exception {
        InMemorySink memory = new InMemorySink();
        ScriptedServingProgram.record(memory);
        Path binary = dir.resolve("stream.bin");
        Path ndjson = dir.resolve("stream.ndjson");
        ScriptedServingProgram.record(FileSink.create(binary));
        ScriptedServingProgram.record(FileSink.create(ndjson));

        assertThat(readAll(binary)).containsExactlyElementsOf(memory.events());
        assertThat(readAll(ndjson)).containsExactlyElementsOf(memory.events());
    }

    @Test
    void runFoldersAreIdenticalFileByFile() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        ScriptedServingProgram.record(RunFolderSink.create(first, Encoding.BINARY));
        ScriptedServingProgram.record(RunFolderSink.create(second, Encoding.BINARY));

        Map<String, byte[]> reference = filesUnder(first);
        assertThat(reference.keySet()).contains("stream.bin", "kernels/dictionary.json", "kernels/rank-0-stream-1.col",
                "kernels/rank-3-stream-2.col");
        assertSameFiles(filesUnder(second), reference);
    }

    @Test
    void anotherJvmRecordsTheSameBytesInEveryFormat() throws Exception {
        // Another JVM has other hash seeds (Map.of iteration order differs between JVMs): nothing may leak into the bytes.
        Path here = dir.resolve("here");
        Path child = dir.resolve("child");
        Files.createDirectories(here);
        Files.createDirectories(child);
        RecordInChildJvm.record(here);
        recordInChildJvm(child);

        Map<String, byte[]> reference = filesUnder(here);
        assertThat(reference.keySet()).contains("stream.bin", "stream.ndjson", "run/stream.bin", "run/kernels/dictionary.json");
        assertSameFiles(filesUnder(child), reference);
    }

    private static void assertSameFiles(Map<String, byte[]> files, Map<String, byte[]> reference) {
        assertThat(files.keySet()).isEqualTo(reference.keySet());
        reference.forEach((name, bytes) -> assertThat(files.get(name)).as(name).isEqualTo(bytes));
    }

    private static void recordInChildJvm(Path outputDir) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-XX:+EnableDynamicAgentLoading",
                "-cp", System.getProperty("java.class.path"), RecordInChildJvm.class.getName(), outputDir.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(child.exitValue()).as("child JVM exit status; output:%n%s", output).isZero();
    }

    /** Every file under {@code root} by its relative path (with '/'), in name order. */
    private static Map<String, byte[]> filesUnder(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private byte[] recordTo(String fileName) throws InterruptedException, IOException {
        Path file = dir.resolve(fileName);
        ScriptedServingProgram.record(FileSink.create(file));
        return Files.readAllBytes(file);
    }

    private static List<StreamEvent> readAll(Path file) {
        List<StreamEvent> events = new ArrayList<>();
        try (StreamReader reader = StreamReader.open(file)) {
            reader.forEachRemaining(events::add);
        }
        return events;
    }
}
