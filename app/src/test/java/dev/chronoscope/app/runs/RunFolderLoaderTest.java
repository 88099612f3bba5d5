package dev.chronoscope.app.runs;

import dev.chronoscope.app.support.RecordingLauncher;
import dev.chronoscope.app.task.CurrentThreadTaskExecutor;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.sink.RunFolderSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reopening a past run from its folder, and exporting its trace and result. */
class RunFolderLoaderTest {

    /** A run folder as the agent writes it: stream.bin plus the columnar kernel store. */
    private static void writeRun(Path dir) {
        try (RunFolderSink sink = RunFolderSink.create(dir, Encoding.BINARY)) {
            sink.accept(new StreamEvent.RunStart(0, "r1", "{}", "modeled", Map.of(), 0));
            sink.accept(new StreamEvent.RankRegistered(0, 0, 0, "H100-SXM", 0, 80L << 30));
            sink.accept(new StreamEvent.StreamRegistered(0, 0, 0, "default"));
            sink.accept(new StreamEvent.StreamRegistered(0, 0, 1, "stream-1"));
            for (int i = 0; i < 5; i++) {
                sink.accept(new StreamEvent.Kernel(i * 1_000, i * 1_000 + 800, 0, i % 2, "mlp_up_proj",
                        Features.of("num_tokens", 16.0 * (i + 1)), "h100-sxm/mlp_up_proj@1", false, StreamEvent.Kernel.NO_GRAPH));
            }
            sink.accept(new StreamEvent.RunEnd(5_000, "ok", ""));
        }
    }

    @Test
    void aRunFolderBecomesAFinishedRunWithEveryKernel(@TempDir Path dir) {
        writeRun(dir);
        RunModel model = new RunModel();
        RunFolderLoader.load(dir, model);

        assertThat(model.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(model.eventCount()).isEqualTo(4 + 5 + 1);
        assertThat(model.virtualTime()).isEqualTo(5_000);
        assertThat(model.folder()).isEqualTo(dir);
        assertThat(model.timeline().rows()).extracting(r -> r.name() + ":" + r.spans().size())
                .containsExactly("default:3", "stream-1:2");
    }

    @Test
    void theWorkbenchReopensAFolderAsAFinishedRunAndABadOneAsAFailedRun(@TempDir Path dir) throws IOException {
        Path good = Files.createDirectory(dir.resolve("20261127-120000-1-tiny-h100-sxm"));
        writeRun(good);
        WorkbenchViewModel vm = new WorkbenchViewModel(new RecordingLauncher(), new CurrentThreadTaskExecutor());
        RunViewModel run = vm.open(good);
        run.refresh();
        assertThat(run.name()).isEqualTo("#1 20261127-120000-1-tiny-h100-sxm");
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(run.model().eventCount()).isEqualTo(10);
        assertThat(vm.selectedRun()).isSameAs(run);

        RunViewModel bad = vm.open(Files.createDirectory(dir.resolve("empty")));
        assertThat(bad.state()).isEqualTo(RunState.FAILED);
        assertThat(bad.errorProperty().get()).startsWith("Launch failed: ").contains("empty", "no complete stream file");
    }

    @Test
    void anUnfinishedFolderIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("stream.bin.partial"), "x");
        assertThatThrownBy(() -> RunFolderLoader.load(dir, new RunModel()))
                .hasMessageContaining(dir.toString()).hasMessageContaining("no complete stream file");
        assertThatThrownBy(() -> RunFolderLoader.load(dir.resolve("nope"), new RunModel()))
                .hasMessageContaining("nope is not a folder");
    }

    @Test
    void exportsRegenerateTheTraceAndRefuseAMissingResult(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        writeRun(run);
        RunModel model = new RunModel();
        RunFolderLoader.load(run, model);

        RunExports.exportTrace(model, dir.resolve("out.json"));
        assertThat(Files.readString(dir.resolve("out.json"))).contains("\"traceEvents\"", "mlp_up_proj");

        assertThatThrownBy(() -> RunExports.exportResult(model, dir.resolve("result-copy.json")))
                .hasMessageContaining(run.resolve("result.json") + " does not exist");
        assertThat(dir.resolve("result-copy.json")).doesNotExist();
        Files.writeString(run.resolve("result.json"), "{\"completed\": 5}");
        RunExports.exportResult(model, dir.resolve("result-copy.json"));
        assertThat(dir.resolve("result-copy.json")).hasContent("{\"completed\": 5}");
    }
}
