package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.columnar.KernelStore;
import dev.chronoscope.emulator.stream.columnar.KernelTrack;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a past run back from its folder (docs/protocol.md, "Run folder"): the stream file's events
 * and the columnar store's kernels in time order, then the run's end, into a {@link RunModel}.
 */
public final class RunFolderLoader {
    private RunFolderLoader() {}

    /** Fails naming the folder when it is not a complete run folder or a file in it is damaged. */
    public static void load(Path dir, RunModel model) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a folder");
        RunFolder folder = RunFolder.at(dir);
        model.folder(dir);
        StreamEvent.RunEnd end = null;
        try (KernelStore kernels = Files.isDirectory(folder.kernelsDir()) ? folder.openKernels() : null;
             StreamReader events = folder.openEvents()) {
            List<KernelTrack> tracks = kernels == null ? List.of() : kernels.tracks();
            long[] next = new long[tracks.size()];
            for (StreamEvent e : events) {
                if (e instanceof StreamEvent.RunEnd r) {
                    end = r;
                    continue;
                }
                // Kernels merged in time order with the stream's memcpys on the same rows: appended in
                // order, a row's spans stay sorted; kernels after all of them would each be an insert.
                acceptKernels(tracks, next, e.time(), model);
                model.accept(e);
            }
            acceptKernels(tracks, next, Long.MAX_VALUE, model);
        }
        model.accept(end != null ? end : new StreamEvent.RunEnd(model.virtualTime(), "error",
                dir + ": the stream has no run end (the run did not finish)"));
    }

    private static void acceptKernels(List<KernelTrack> tracks, long[] next, long before, RunModel model) {
        for (int t = 0; t < tracks.size(); t++) {
            KernelTrack track = tracks.get(t);
            long i = next[t];
            for (; i < track.size() && track.start(i) < before; i++) model.accept(track.kernel(i));
            next[t] = i;
        }
    }
}
