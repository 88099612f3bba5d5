package dev.chronoscope.emulator.it;

import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.sink.FileSink;
import dev.chronoscope.emulator.stream.sink.RunFolderSink;
import java.nio.file.Path;

/**
 * Records the scripted program in a JVM of its own: {@code <file>} writes a stream file,
 * {@code --run-folder <dir>} a run folder (columnar kernels + binary stream).
 */
final class RecordInChildJvm {

    private RecordInChildJvm() {}

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("--run-folder")) {
            ScriptedServingProgram.record(RunFolderSink.create(Path.of(args[1]), Encoding.BINARY));
        } else {
            ScriptedServingProgram.record(FileSink.create(Path.of(args[0])));
        }
    }
}
