package dev.chronoscope.emulator.it.bench;

import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.columnar.ColumnarKernelSink;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.sink.FileSink;
import dev.chronoscope.emulator.time.VirtualTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The emulation hot path with real recording: predict (VirtualDevice's memo), place on the
 * stream timeline, and record one kernel launch into a real sink — the binary stream file
 * ({@code sink=binary}, a {@link FileSink}) or the columnar kernel store ({@code sink=columnar},
 * what a run folder uses for kernels). Shapes rotate over a decode step's ten kernels with fresh
 * but equal {@link Features} instances, as serving code builds them. Each iteration writes into a
 * fresh sink; closing it (trailer, footers, rename) is outside the measurement. Score = ns per
 * kernel event. Run: see docs/foundation-checks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class RecordedKernelLaunchBenchmark {
    private static final String[] KERNELS = {"input_layernorm", "attn_pre_proj", "attn_rope", "attn_decode",
            "attn_post_proj", "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj", "add"};
    private static final int COPIES = 16;

    @Param({"binary", "columnar"})
    public String sink;

    private Path dir;
    private EventSink recorder;
    private VirtualDevice gpu;
    private VirtualStream stream;
    private Features[] features;
    private int next;
    private long hostTime;

    @Setup(Level.Trial)
    public void shapes() throws IOException {
        dir = Files.createTempDirectory("recorded-launch-bench");
        features = new Features[KERNELS.length * COPIES];
        for (int i = 0; i < features.length; i++) {
            features[i] = Features.of("num_tokens", 256, "n_embd", 4096, "tp", 1, "layer_kernel", i % KERNELS.length);
        }
    }

    @Setup(Level.Iteration)
    public void freshRecording() {
        recorder = switch (sink) {
            case "binary" -> FileSink.create(dir.resolve("stream.bin"), Encoding.BINARY);
            case "columnar" -> new ColumnarKernelSink(dir.resolve("kernels"));
            default -> throw new IllegalArgumentException("sink must be binary or columnar, not " + sink);
        };
        VirtualTime clock = new VirtualTime() {
            @Override public long now() { return hostTime; }
            @Override public void sleepUntil(long virtualNanos) { hostTime = Math.max(hostTime, virtualNanos); }
        };
        VirtualCluster cluster = VirtualCluster.builder(DeviceCatalog.standard().get("h100-sxm"), 1)
                .clock(clock)
                .predictor((device, kernel, f) -> new Prediction((long) f.get("num_tokens", 1) * 10, "bench/" + kernel, false))
                .sink(recorder)
                .build();
        gpu = cluster.device(0);
        stream = gpu.createStream("compute");
    }

    @Benchmark
    public void launchAndRecordKernel() {
        int i = next;
        next = i + 1 == features.length ? 0 : i + 1;
        hostTime += 100;
        gpu.launch(stream, KERNELS[i % KERNELS.length], features[i]);
    }

    @TearDown(Level.Iteration)
    public void closeRecording() throws IOException {
        recorder.close();
        BenchFolders.deleteUnder(dir);
    }

    @TearDown(Level.Trial)
    public void removeDirectory() throws IOException {
        Files.deleteIfExists(dir);
    }
}
