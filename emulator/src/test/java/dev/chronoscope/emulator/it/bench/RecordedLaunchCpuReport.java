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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The same hot path as {@link RecordedKernelLaunchBenchmark} (predict + place + record into the
 * binary stream file or the columnar store), timed by the launching thread's CPU time as well as
 * by the wall clock: on a shared, overloaded machine the CPU time says what the code costs while
 * the wall clock says what this process happened to get. Each round launches {@value #LAUNCHES}
 * kernels into a fresh sink and closes it (trailer, footers, dictionary, rename included).
 * Prints the best and the median of {@value #ROUNDS} rounds after {@value #WARMUP_ROUNDS} warm-up
 * rounds. Run: see docs/foundation-checks.md.
 */
public final class RecordedLaunchCpuReport {
    private static final int LAUNCHES = 5_000_000;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 5;
    private static final String[] KERNELS = {"input_layernorm", "attn_pre_proj", "attn_rope", "attn_decode",
            "attn_post_proj", "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj", "add"};

    private RecordedLaunchCpuReport() {}

    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Features[] shapes = new Features[KERNELS.length * 16];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = Features.of("num_tokens", 256, "n_embd", 4096, "tp", 1, "layer_kernel", i % KERNELS.length);
        }
        Path dir = Files.createTempDirectory("recorded-launch-report");
        try {
            for (String sink : new String[] {"binary", "columnar"}) {
                double[] cpu = new double[ROUNDS];
                double[] wall = new double[ROUNDS];
                for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long wallStart = System.nanoTime();
                    launchInto(sink, dir, shapes);
                    if (round >= 0) {
                        cpu[round] = (threads.getCurrentThreadCpuTime() - cpuStart) / (double) LAUNCHES;
                        wall[round] = (System.nanoTime() - wallStart) / (double) LAUNCHES;
                    }
                    deleteUnder(dir);
                }
                Arrays.sort(cpu);
                Arrays.sort(wall);
                System.out.printf("sink=%-8s  CPU ns/event best %.1f median %.1f   wall ns/event best %.1f median %.1f%n",
                        sink, cpu[0], cpu[ROUNDS / 2], wall[0], wall[ROUNDS / 2]);
            }
        } finally {
            deleteUnder(dir);
            Files.deleteIfExists(dir);
        }
    }

    private static void launchInto(String sink, Path dir, Features[] shapes) {
        long[] hostTime = {0};
        VirtualTime clock = new VirtualTime() {
            @Override public long now() { return hostTime[0]; }
            @Override public void sleepUntil(long virtualNanos) { hostTime[0] = Math.max(hostTime[0], virtualNanos); }
        };
        try (EventSink recorder = sink.equals("binary") ? FileSink.create(dir.resolve("stream.bin"), Encoding.BINARY)
                : new ColumnarKernelSink(dir.resolve("kernels"))) {
            VirtualCluster cluster = VirtualCluster.builder(DeviceCatalog.standard().get("h100-sxm"), 1)
                    .clock(clock)
                    .predictor((device, kernel, f) -> new Prediction((long) f.get("num_tokens", 1) * 10, "bench/" + kernel, false))
                    .sink(recorder)
                    .build();
            VirtualDevice gpu = cluster.device(0);
            VirtualStream stream = gpu.createStream("compute");
            for (int i = 0; i < LAUNCHES; i++) {
                hostTime[0] += 100;
                int shape = i % shapes.length;
                gpu.launch(stream, KERNELS[shape % KERNELS.length], shapes[shape]);
            }
        }
    }

    private static void deleteUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).toList()) Files.delete(p);
        }
    }
}
