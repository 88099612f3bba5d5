package dev.chronoscope.emulator.gpu.bench;

import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.time.VirtualTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The hot path of emulation: predict (memoised), place and record one kernel launch. Shapes rotate
 * over a decode step's worth of kernels, each launch given a fresh but equal {@link Features}
 * instance (as serving code builds them), so the memo's full equality check is measured.
 * {@code sink=none} is the no-op sink; {@code sink=keep} keeps the last event so the event
 * allocation cannot be optimised away. Run: see docs/gpu.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelLaunchBenchmark {
    private static final String[] KERNELS = {"input_layernorm", "attn_pre_proj", "attn_rope", "attn_decode",
            "attn_post_proj", "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj", "add"};
    private static final int COPIES = 16;

    @Param({"none", "keep"})
    public String sink;

    private VirtualDevice gpu;
    private VirtualStream stream;
    private Features[] features;
    private int next;
    private final KeepLast keepLast = new KeepLast();
    private long hostTime;

    @Setup
    public void setUp() {
        VirtualTime clock = new VirtualTime() {
            @Override public long now() { return hostTime; }
            @Override public void sleepUntil(long virtualNanos) { hostTime = Math.max(hostTime, virtualNanos); }
        };
        VirtualCluster cluster = VirtualCluster.builder(DeviceCatalog.standard().get("h100-sxm"), 1)
                .clock(clock)
                .predictor((device, kernel, f) -> new Prediction((long) f.get("num_tokens", 1) * 10, "bench/" + kernel, false))
                .sink(sink.equals("keep") ? keepLast : EventSink.NONE)
                .build();
        gpu = cluster.device(0);
        stream = gpu.createStream("compute");
        features = new Features[KERNELS.length * COPIES];
        for (int i = 0; i < features.length; i++) {
            features[i] = Features.of("num_tokens", 256, "n_embd", 4096, "tp", 1, "layer_kernel", i % KERNELS.length);
        }
    }

    @Benchmark
    public void launchKernel() {
        int i = next;
        next = i + 1 == features.length ? 0 : i + 1;
        hostTime += 100;
        gpu.launch(stream, KERNELS[i % KERNELS.length], features[i]);
    }

    /** Keeps the last event where the JIT cannot prove it dead. */
    static final class KeepLast implements EventSink {
        StreamEvent last;

        @Override public void accept(StreamEvent event) { last = event; }
    }
}
