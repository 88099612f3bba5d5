package dev.chronoscope.emulator.stream.bench;

import dev.chronoscope.emulator.stream.columnar.ColumnarKernelSink;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kernel events per second written to the columnar store, files included: each invocation
 * writes {@value #EVENTS} kernels over 16 (rank, stream) tracks and closes the store (footers,
 * dictionary, renames). Score = events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ColumnarSinkBenchmark {
    static final int EVENTS = 1_000_000;

    private Kernel[] kernels;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        kernels = SyntheticKernels.generate(EVENTS, 1);
        dir = Files.createTempDirectory("columnar-bench");
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long writeKernels() {
        try (ColumnarKernelSink sink = new ColumnarKernelSink(dir)) {
            for (Kernel k : kernels) sink.append(k);
            return sink.events();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
