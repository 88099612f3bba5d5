package dev.chronoscope.emulator.it.bench;

import dev.chronoscope.emulator.gpu.KernelBatch;
import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.columnar.ColumnarKernelSink;
import dev.chronoscope.emulator.time.VirtualTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A decode step's graph replay, recorded into the columnar kernel store as a run folder does:
 * 32 layers of 11 kernels, the decode attention's Σkv changing every replay (a new features
 * instance, shared by the 32 attention nodes, as the agent builds it). {@code path=single}
 * launches node by node ({@link VirtualDevice#launch(VirtualStream, String, Features)}: one lock,
 * one clock read and one prediction lookup each); {@code path=batch} launches the replay as one
 * {@link KernelBatch}, as the agent does. The fork runs with the engine JVM's options (C1 only,
 * serial GC). Score = ns per kernel. Run: see docs/emulate.md ("Where the time goes").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
public class GraphReplayBenchmark {
    private static final String[] LAYER = {"input_layernorm", "attn_pre_proj", "attn_rope", "attn_kv_cache_save", "attn_decode",
            "attn_post_proj", "add", "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj"};
    private static final int LAYERS = 32;
    /** 32 layers of the 11 kernels above (a constant, as JMH's operation count must be one). */
    private static final int NODES = 32 * 11;

    @Param({"single", "batch"})
    public String path;

    private Path dir;
    private ColumnarKernelSink recorder;
    private VirtualDevice gpu;
    private VirtualStream stream;
    private String[] kernels;
    private Features[] features;
    private boolean[] dynamic;
    private KernelBatch batch;
    private long hostTime;
    private long sumKv;

    @Setup(Level.Trial)
    public void graph() throws IOException {
        if (NODES != LAYERS * LAYER.length) throw new IllegalStateException("NODES must be " + LAYERS * LAYER.length);
        dir = Files.createTempDirectory("graph-replay-bench");
        Features tokens = Features.of("n_embd", 4096, "num_tokens", 16, "tp", 1);
        kernels = new String[NODES];
        features = new Features[NODES];
        dynamic = new boolean[NODES];
        for (int i = 0; i < NODES; i++) {
            kernels[i] = LAYER[i % LAYER.length];
            dynamic[i] = kernels[i].equals("attn_decode");
            features[i] = tokens;
        }
    }

    @Setup(Level.Iteration)
    public void freshRecording() {
        recorder = new ColumnarKernelSink(dir.resolve("kernels"));
        VirtualTime clock = new VirtualTime() {
            @Override public long now() { return hostTime; }
            @Override public void sleepUntil(long virtualNanos) { hostTime = Math.max(hostTime, virtualNanos); }
        };
        VirtualCluster cluster = VirtualCluster.builder(DeviceCatalog.standard().get("h100-sxm"), 1)
                .clock(clock)
                .predictor((device, kernel, f) -> new Prediction(1_000 + (long) f.get("sum_kv", 0) / 100, "bench/" + kernel, false))
                .sink(recorder)
                .build();
        gpu = cluster.device(0);
        stream = gpu.createStream("compute");
        batch = gpu.batch(List.of(kernels), new ArrayList<>(List.of(features)));
    }

    @Benchmark
    @OperationsPerInvocation(NODES)
    public void replayDecodeStep() {
        sumKv += 16;
        hostTime += 10_000;
        Features attention = Features.of("batch_size", 16, "sum_kv", sumKv % 65_536);
        if (path.equals("batch")) {
            for (int i = 0; i < NODES; i++) if (dynamic[i]) batch.setFeatures(i, attention);
            gpu.launch(stream, batch);
        } else {
            for (int i = 0; i < NODES; i++) gpu.launch(stream, kernels[i], dynamic[i] ? attention : features[i]);
        }
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
