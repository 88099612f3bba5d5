package dev.chronoscope.emulator.stream.bench;

import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.columnar.ColumnarFormat;
import dev.chronoscope.emulator.stream.columnar.ColumnarKernelSink;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prints, for the synthetic run of {@link SyntheticKernels}: bytes per kernel event of both
 * stream encodings and of the column files, and the events per second of each writer, by wall
 * clock and by the writing thread's CPU time (user + system). On a shared, overloaded machine
 * the CPU-time figure is the one that says what the code costs. Command: docs/stream-performance.md.
 */
public final class StreamPerformanceReport {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 7;

    private StreamPerformanceReport() {}

    /** Counts bytes and discards them. */
    private static final class CountingStream extends OutputStream {
        long bytes;
        @Override public void write(int b) { bytes++; }
        @Override public void write(byte[] b, int off, int len) { bytes += len; }
    }

    /** Best wall and best CPU nanoseconds over the rounds (the first two are warm-up). */
    private record Timing(long wallNanos, long cpuNanos) {
        String rates(int events) {
            return String.format("%.2f M events/s wall, %.2f M events/s per CPU-second",
                    events / (wallNanos / 1e9) / 1e6, events / (cpuNanos / 1e9) / 1e6);
        }
    }

    private static Timing time(Runnable work) {
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            work.run();
            long wall = System.nanoTime() - wall0;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            if (round >= 2) {
                bestWall = Math.min(bestWall, wall);
                bestCpu = Math.min(bestCpu, cpu);
            }
        }
        return new Timing(bestWall, bestCpu);
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Kernel[] kernels = SyntheticKernels.generate(count, 1);
        System.out.printf("%,d kernel events over 16 (rank, stream) tracks; best of %d rounds after 2 warm-up rounds; load average %s%n",
                count, ROUNDS - 2, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (Encoding encoding : Encoding.values()) {
            CountingStream out = new CountingStream();
            Timing t = time(() -> {
                out.bytes = 0;
                try (EventSink writer = encoding.writer(out)) {
                    for (Kernel k : kernels) writer.accept(k);
                }
            });
            System.out.printf("%-8s %.2f bytes/event (%,d bytes); %s%n", encoding, (double) out.bytes / count, out.bytes, t.rates(count));
        }
        Path dir = Files.createTempDirectory("columnar-report");
        try {
            Timing t = time(() -> {
                try (ColumnarKernelSink sink = new ColumnarKernelSink(dir)) {
                    for (Kernel k : kernels) sink.append(k);
                }
            });
            long bytes;
            try (Stream<Path> files = Files.list(dir)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("COLUMNAR %.2f bytes/event on disk (%,d bytes, %d B/event in columns + footer + dictionary); %s%n",
                    (double) bytes / count, bytes, ColumnarFormat.EVENT_BYTES, t.rates(count));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }
}
