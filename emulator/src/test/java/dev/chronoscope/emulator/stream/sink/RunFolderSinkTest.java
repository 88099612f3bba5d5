package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.SampleEvents;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.columnar.KernelStore;
import dev.chronoscope.emulator.stream.columnar.KernelTrack;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderSinkTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void kernelsGoToColumnsAndEverythingElseToTheStreamFile(Encoding encoding) {
        List<StreamEvent> events = SampleEvents.everyType();
        RunFolderSink sink = RunFolderSink.create(dir, encoding);
        events.forEach(sink::accept);
        assertThatThrownBy(() -> RunFolder.at(dir).streamFile())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no complete stream file");
        sink.close();

        RunFolder run = RunFolder.at(dir);
        assertThat(run.streamFile()).isEqualTo(dir.resolve("stream." + encoding.extension));
        assertThat(run.kernelsDir().resolve("rank-0-stream-0.col")).exists();
        assertThat(run.kernelsDir().resolve("rank-1-stream-0.col")).exists();
        assertThat(run.kernelsDir().resolve("dictionary.json")).exists();
        try (StreamReader reader = run.openEvents()) {
            List<StreamEvent> others = new ArrayList<>();
            reader.forEachRemaining(others::add);
            assertThat(others).isEqualTo(events.stream().filter(e -> !(e instanceof StreamEvent.Kernel)).toList());
        }
        try (KernelStore store = run.openKernels()) {
            List<StreamEvent> kernels = new ArrayList<>();
            for (KernelTrack t : store.tracks()) for (long i = 0; i < t.size(); i++) kernels.add(t.kernel(i));
            assertThat(kernels).isEqualTo(events.stream().filter(e -> e instanceof StreamEvent.Kernel).toList());
        }
    }
}
