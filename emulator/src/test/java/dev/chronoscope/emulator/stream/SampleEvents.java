package dev.chronoscope.emulator.stream;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small run that contains every event type, with awkward values (nulls, NaN, negatives, unicode). */
public final class SampleEvents {

    private SampleEvents() {}

    public static List<StreamEvent> everyType() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("chronoscope", "0.1.0");
        versions.put("model-store", "h100-v3");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("running", 3.0);
        metrics.put("kv_usage", 0.4375);
        metrics.put("ttft_p99", Double.NaN);
        metrics.put("throughput", Double.POSITIVE_INFINITY);
        List<StreamEvent> events = new ArrayList<>();
        events.add(new RunStart(0, "run-42", "{\"model\":\"llama-3-8b\",\"tp\":2}", "modeled", versions, 1_790_000_000_123L));
        events.add(new ProcessRegistered(0, 7, "engine-0 ✓"));
        events.add(new RankRegistered(0, 0, 7, "H100-SXM", 0, 80L << 30));
        events.add(new RankRegistered(0, 1, 7, "H100-SXM", 1, 80L << 30));
        events.add(new StreamRegistered(0, 0, 0, "compute"));
        events.add(new StreamRegistered(0, 0, 1000, "host:engine-core"));
        events.add(new Memory(1_000, 0, 2L << 30, 2L << 30, "weights"));
        events.add(new Memory(1_500, 0, -(1L << 20), (2L << 30) - (1L << 20), null));
        events.add(new Request(2_000, "req-1", RequestPhase.ARRIVED, 512));
        events.add(new SchedulerStep(3_000, 0, List.of(new BatchEntry("req-1", 512, true), new BatchEntry("req-0", 1, false)),
                2, 5, 40, 960, 0));
        events.add(new Request(3_000, "req-1", RequestPhase.SCHEDULED, 0));
        events.add(new Kernel(3_100, 15_700, 0, 0, "mlp_up_proj", Features.of("num_tokens", 512, "n_embd", 4096, "tp", 2),
                "h100-v3", false, Kernel.NO_GRAPH));
        events.add(new Kernel(15_700, 15_950, 0, 0, "attn_decode", Features.of("batch", 1, "kv", 1.5e9 + 0.25, "zero", -0.0),
                null, true, 12));
        events.add(new Kernel(16_000, 16_001, 1, 0, "sampler", null, "h100-v3", false, 3));
        events.add(new Memcpy(16_100, 18_000, 0, 0, CopyKind.DEVICE_TO_HOST, 4096));
        events.add(new TimeJump(16_100, 18_000, 0, "engine-core", "stream sync"));
        events.add(new Collective(18_000, 25_000, "all_reduce", 8L << 20, new int[] {0, 1}, new long[] {18_000, 17_200}));
        events.add(new Request(25_000, "req-1", RequestPhase.FIRST_TOKEN, 1));
        events.add(new KvBlocks(25_000, "req-1", new int[] {3, 4, 17}, 1));
        events.add(new Request(30_000, "req-1", RequestPhase.TOKEN, 2));
        events.add(new Request(31_000, "req-1", RequestPhase.PREEMPTED, 2));
        events.add(new MetricsSnapshot(32_000, metrics));
        events.add(new Request(40_000, "req-1", RequestPhase.FINISHED, 3));
        events.add(new RunEnd(50_000, "error", "rank 1: out of memory (requested 3 GiB)"));
        return events;
    }
}
