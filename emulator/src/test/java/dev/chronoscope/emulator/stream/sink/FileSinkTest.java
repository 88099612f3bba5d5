package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.SampleEvents;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.codec.StreamFormatException;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSinkTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theFileAppearsUnderItsNameOnlyWhenClosed(Encoding encoding) throws IOException {
        Path target = dir.resolve("stream." + encoding.extension);
        Path partial = dir.resolve("stream." + encoding.extension + ".partial");
        List<StreamEvent> events = SampleEvents.everyType();

        FileSink sink = FileSink.create(target);
        events.forEach(sink::accept);
        sink.flush();
        assertThat(target).doesNotExist();
        assertThat(partial).exists();
        // A producer that dies here leaves a partial file without a trailer, which readers reject.
        assertThatThrownBy(() -> StreamReader.readAll(partial))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("truncated");

        sink.close();
        assertThat(partial).doesNotExist();
        assertThat(StreamReader.readAll(target)).isEqualTo(events);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void closingReplacesAnEarlierFileOfTheSameName(Encoding encoding) {
        Path target = dir.resolve("run." + encoding.extension);
        try (FileSink first = FileSink.create(target)) {
            SampleEvents.everyType().forEach(first::accept);
        }
        try (FileSink second = FileSink.create(target)) {
            second.accept(SampleEvents.everyType().getFirst());
            assertThat(StreamReader.readAll(target)).hasSize(SampleEvents.everyType().size());
        }
        assertThat(StreamReader.readAll(target)).containsExactly(SampleEvents.everyType().getFirst());
    }
}
