package dev.chronoscope.emulator.stream.columnar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A run's kernel store: the dictionary and every (rank, stream) column file of a directory. */
public final class KernelStore implements AutoCloseable {
    private static final Pattern TRACK_FILE = Pattern.compile("rank-(-?\\d+)-stream-(-?\\d+)\\.col");

    private final KernelDictionary dictionary;
    private final List<KernelTrack> tracks;

    private KernelStore(KernelDictionary dictionary, List<KernelTrack> tracks) {
        this.dictionary = dictionary;
        this.tracks = tracks;
    }

    /** Opens the store in {@code dir} (a run folder's {@code kernels/}); unfinished {@code .partial} files are ignored. */
    public static KernelStore open(Path dir) {
        KernelDictionary dictionary = KernelDictionary.read(dir);
        List<KernelTrack> tracks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                if (TRACK_FILE.matcher(f.getFileName().toString()).matches()) tracks.add(KernelTrack.open(f, dictionary));
            }
        } catch (IOException e) {
            tracks.forEach(KernelTrack::close);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            tracks.forEach(KernelTrack::close);
            throw e;
        }
        tracks.sort(Comparator.comparingInt(KernelTrack::rank).thenComparingInt(KernelTrack::stream));
        return new KernelStore(dictionary, List.copyOf(tracks));
    }

    public KernelDictionary dictionary() { return dictionary; }

    /** Every track, by rank then stream. */
    public List<KernelTrack> tracks() { return tracks; }

    public Optional<KernelTrack> track(int rank, int stream) {
        return tracks.stream().filter(t -> t.rank() == rank && t.stream() == stream).findFirst();
    }

    @Override
    public void close() {
        tracks.forEach(KernelTrack::close);
    }
}
