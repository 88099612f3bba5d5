package dev.chronoscope.emulator.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The recording folders the benchmarks write into and empty between iterations. */
final class BenchFolders {
    private BenchFolders() {
    }

    /** Deletes everything under {@code root}, keeping {@code root} itself. */
    static void deleteUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).toList()) Files.delete(p);
        }
    }
}
