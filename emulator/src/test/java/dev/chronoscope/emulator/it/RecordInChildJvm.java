package dev.chronoscope.emulator.it;

import dev.chronoscope.emulator.stream.sink.FileSink;
import java.nio.file.Path;

/** Records the scripted program to the file named by the first argument, in a JVM of its own. */
final class RecordInChildJvm {

    private RecordInChildJvm() {}

    public static void main(String[] args) throws InterruptedException {
        ScriptedServingProgram.record(FileSink.create(Path.of(args[0])));
    }
}
