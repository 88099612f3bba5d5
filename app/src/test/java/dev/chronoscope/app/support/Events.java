package dev.chronoscope.app.support;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.RequestPhase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-built event streams with known answers, for tests. */
public final class Events {
    private Events() {}

    /** Two ranks, a compute stream each, and {@code n} kernels of 10 µs every 15 µs on each. */
    public static List<StreamEvent> kernels(int n) {
        List<StreamEvent> e = new ArrayList<>();
        e.add(new StreamEvent.RunStart(0, "test", "{}", "modeled", Map.of(), 0));
        for (int r = 0; r < 2; r++) {
            e.add(new StreamEvent.RankRegistered(0, r, 0, "h100-sxm", r, 80L << 30));
            e.add(new StreamEvent.StreamRegistered(0, r, 0, "compute"));
        }
        for (int i = 0; i < n; i++) {
            long start = 100_000L + i * 15_000L;
            String name = i % 2 == 0 ? "attn_decode" : "mlp_up_proj";
            for (int r = 0; r < 2; r++) {
                e.add(new StreamEvent.Kernel(start, start + 10_000, r, 0, name, Features.of("num_tokens", 64 + i),
                        "h100-sxm/" + name + "@3", false, StreamEvent.Kernel.NO_GRAPH));
            }
        }
        return e;
    }

    /**
     * Requests with the given TTFTs (ms), each arriving 1 s after the previous, producing
     * {@code tokens} output tokens 10 ms apart after the first.
     */
    public static List<StreamEvent> requests(double[] ttftMs, int tokens) {
        List<StreamEvent> e = new ArrayList<>();
        for (int i = 0; i < ttftMs.length; i++) {
            String id = "r" + i;
            long arrival = i * 1_000_000_000L;
            long first = arrival + (long) (ttftMs[i] * 1e6);
            e.add(new StreamEvent.Request(arrival, id, RequestPhase.ARRIVED, 100));
            e.add(new StreamEvent.Request(arrival, id, RequestPhase.SCHEDULED, 0));
            e.add(new StreamEvent.Request(first, id, RequestPhase.FIRST_TOKEN, 1));
            for (int t = 2; t <= tokens; t++) {
                e.add(new StreamEvent.Request(first + (t - 1) * 10_000_000L, id, RequestPhase.TOKEN, t));
            }
            e.add(new StreamEvent.Request(first + (tokens - 1) * 10_000_000L, id, RequestPhase.FINISHED, tokens));
        }
        return e;
    }
}
