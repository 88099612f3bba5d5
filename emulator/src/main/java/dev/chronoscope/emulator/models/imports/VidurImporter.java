package dev.chronoscope.emulator.models.imports;

import dev.chronoscope.emulator.models.store.NewSample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a Vidur profile file, or every profile file under a folder, choosing the reader by file name. */
public final class VidurImporter {
    private VidurImporter() {}

    public static List<NewSample> read(Path path) {
        if (!Files.exists(path)) throw new ImportException(path.toString(), 0, null, "no such file or folder");
        if (Files.isRegularFile(path)) return readFile(path);
        List<NewSample> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(path)) {
            List<Path> profiles = files.filter(Files::isRegularFile).filter(VidurImporter::isProfile).sorted().toList();
            if (profiles.isEmpty()) {
                throw new ImportException(path.toString(), 0, null, "no mlp.csv, attention.csv, all_reduce.csv, all_gather.csv or send_recv.csv under this folder");
            }
            for (Path p : profiles) out.addAll(readFile(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean isProfile(Path p) {
        return switch (p.getFileName().toString()) {
            case "mlp.csv", "attention.csv", "all_reduce.csv", "all_gather.csv", "send_recv.csv" -> true;
            default -> false;
        };
    }

    private static List<NewSample> readFile(Path p) {
        return switch (p.getFileName().toString()) {
            case "mlp.csv" -> VidurMlpImporter.read(p);
            case "attention.csv" -> VidurAttentionImporter.read(p);
            case "all_reduce.csv", "all_gather.csv", "send_recv.csv" -> VidurNetworkImporter.read(p);
            default -> throw new ImportException(p.toString(), 0, null,
                    "not a Vidur profile name; expected mlp.csv, attention.csv, all_reduce.csv, all_gather.csv or send_recv.csv");
        };
    }
}
