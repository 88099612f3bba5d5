package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.columnar.KernelStore;
import dev.chronoscope.emulator.stream.columnar.KernelTrack;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a past run back from its folder (docs/protocol.md, "Run folder"): the stream file's events,
 * then every kernel of the columnar store, then the run's end, into a {@link RunModel}.
 */
public final class RunFolderLoader {
    private RunFolderLoader() {}

    /** Fails naming the folder when it is not a complete run folder or a file in it is damaged. */
    public static void load(Path dir, RunModel model) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a folder");
        RunFolder folder = RunFolder.at(dir);
        model.folder(dir);
        StreamEvent.RunEnd end = null;
        try (StreamReader events = folder.openEvents()) {
            for (StreamEvent e : events) {
                if (e instanceof StreamEvent.RunEnd r) end = r;
                else model.accept(e);
            }
        }
        if (Files.isDirectory(folder.kernelsDir())) {
            try (KernelStore kernels = folder.openKernels()) {
                for (KernelTrack track : kernels.tracks()) {
                    for (long i = 0; i < track.size(); i++) model.accept(track.kernel(i));
                }
            }
        }
        model.accept(end != null ? end : new StreamEvent.RunEnd(model.virtualTime(), "error",
                dir + ": the stream has no run end (the run did not finish)"));
    }
}
