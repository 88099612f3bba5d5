package dev.chronoscope.emulator.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The workload both runs replay, as a trace CSV ({@code arrived_at,num_prefill_tokens,num_decode_tokens}):
 * first {@code warmup} requests that bring the real engine's JIT to steady state, then a quiet gap, then
 * the measured requests with Poisson arrivals at the scenario's rate. A fresh JVM runs the CPU kernels
 * interpreted and then half-compiled for its first seconds, while the calibrated models describe compiled
 * kernels, as a served engine runs them (vLLM warms up before it serves too); the warm-up requests run
 * in both the real and the emulated run and are left out of the metrics of both.
 *
 * @param arrivals arrival time of every request in seconds, warm-up ones first
 */
public record RequestTrace(List<Double> arrivals, int warmup, int inputLen, int outputLen) {

    public RequestTrace {
        arrivals = List.copyOf(arrivals);
        if (warmup < 0 || warmup >= arrivals.size()) {
            throw new IllegalArgumentException("a trace of " + arrivals.size() + " requests with " + warmup + " warm-up ones has none to measure");
        }
    }

    /**
     * {@code warmup} requests (a burst of a quarter of them, then the rest 0.2 s apart) and {@code measured}
     * requests from {@code measuredStart} seconds on, at {@code rate} per second (infinite: all at once).
     */
    public static RequestTrace of(int warmup, double measuredStart, int measured, double rate, int inputLen, int outputLen, long seed) {
        List<Double> arrivals = new ArrayList<>();
        int burst = warmup / 4;
        for (int i = 0; i < warmup; i++) arrivals.add(i < burst ? 0.0 : 0.2 * (i - burst + 1));
        if (!arrivals.isEmpty() && arrivals.getLast() >= measuredStart) {
            throw new IllegalArgumentException("the warm-up (" + warmup + " requests) does not end before " + measuredStart + " s");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double t = measuredStart;
        for (int i = 0; i < measured; i++) {
            arrivals.add(t);
            if (!Double.isInfinite(rate)) t += -Math.log(1 - random.nextDouble()) / rate;
        }
        return new RequestTrace(arrivals, warmup, inputLen, outputLen);
    }

    public int size() { return arrivals.size(); }

    /** Writes the trace CSV the engine's benchmark reads with {@code --dataset trace}. */
    public Path write(Path file) {
        StringBuilder csv = new StringBuilder("arrived_at,num_prefill_tokens,num_decode_tokens\n");
        for (double a : arrivals) csv.append(String.format(Locale.ROOT, "%.6f,%d,%d%n", a, inputLen, outputLen));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
