package dev.chronoscope.emulator.it;

import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.sink.FileSink;
import dev.chronoscope.emulator.stream.sink.RunFolderSink;
import java.nio.file.Path;

/**
 * Records the scripted program in a JVM of its own, in every format, under the directory given as
 * the first argument: {@code stream.bin}, {@code stream.ndjson} and the run folder {@code run/}.
 */
final class RecordInChildJvm {

    private RecordInChildJvm() {}

    public static void main(String[] args) throws InterruptedException {
        record(Path.of(args[0]));
    }

    static void record(Path dir) throws InterruptedException {
        ScriptedServingProgram.record(FileSink.create(dir.resolve("stream.bin")));
        ScriptedServingProgram.record(FileSink.create(dir.resolve("stream.ndjson")));
        ScriptedServingProgram.record(RunFolderSink.create(dir.resolve("run"), Encoding.BINARY));
    }
}
