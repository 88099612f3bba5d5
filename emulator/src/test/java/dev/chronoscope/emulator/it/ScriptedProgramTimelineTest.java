package dev.chronoscope.emulator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.Collective;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import dev.chronoscope.emulator.stream.event.StreamEvent.Memory;
import dev.chronoscope.emulator.stream.event.StreamEvent.Request;
import dev.chronoscope.emulator.stream.event.StreamEvent.RunEnd;
import dev.chronoscope.emulator.stream.event.StreamEvent.TimeJump;
import dev.chronoscope.emulator.stream.sink.InMemorySink;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scripted TP-4 program under the real emulated-thread scheduler, on 4 virtual H100s, asserted
 * to the nanosecond. The numbers below are worked out by hand from the program's constants:
 *
 * <ul>
 *   <li>launch latency L = 4 µs; a launch at host time h on stream s starts at max(h + L, tail(s));
 *   <li>kernels last num_tokens × 20 ns (attn_pre_proj), × 30 ns (attn_kv_cache_save), × 40 ns (mlp_up_proj);
 *   <li>the coordinator is charged 2 µs per step before handing it out; rank r is charged r × 1 µs;
 *   <li>the 1.5 MB all-reduce over 4 H100s (alpha-beta, one NVLink node, 6 ring steps, 1.5 × 1.5 MB
 *       over every link) takes NCCL's faster protocol: LL = 3.6 µs + 6 × 0.47 µs + 2.25 MB / (450 GB/s / 4)
 *       = 6.42 + 20 µs = 26,420 ns, against Simple = 8.4 + 6 × 3.4 + 2.25 MB / 450 GB/s = 33,800 ns.
 * </ul>
 * Stream ids: 0 is each rank's default stream, 1 "compute", 2 "kv-save".
 */
class ScriptedProgramTimelineTest {
    private static final long ALL_REDUCE_NANOS = 26_420;

    private static List<StreamEvent> events;
    private static long finalTime;

    @BeforeAll
    static void runProgram() throws InterruptedException {
        InMemorySink sink = new InMemorySink();
        finalTime = ScriptedServingProgram.record(sink);
        events = sink.events();
    }

    @Test
    void everyKernelStartsAndEndsAtItsHandComputedVirtualTime() {
        List<String> kernels = events.stream().filter(Kernel.class::isInstance).map(Kernel.class::cast)
                .sorted(Comparator.comparingLong(Kernel::time).thenComparingInt(Kernel::rank).thenComparingInt(Kernel::stream))
                .map(k -> "rank " + k.rank() + " stream " + k.stream() + " " + k.name() + " [" + k.time() + ", " + k.endTime() + "]")
                .toList();

        assertThat(kernels).containsExactly(
                // Step 0, 1,000 tokens. The coordinator hands it out at 2,000 (its 2 µs charge); rank r launches
                // at h = 2,000 + 1,000·r. Attention and the KV save start at h + L on their empty streams.
                "rank 0 stream 1 attn_pre_proj [6000, 26000]",          // 20 µs
                "rank 0 stream 2 attn_kv_cache_save [6000, 36000]",     // 30 µs
                "rank 1 stream 1 attn_pre_proj [7000, 27000]",
                "rank 1 stream 2 attn_kv_cache_save [7000, 37000]",
                "rank 2 stream 1 attn_pre_proj [8000, 28000]",
                "rank 2 stream 2 attn_kv_cache_save [8000, 38000]",
                "rank 3 stream 1 attn_pre_proj [9000, 29000]",
                "rank 3 stream 2 attn_kv_cache_save [9000, 39000]",
                // The MLP waits for the KV save's event (h + 34 µs), not for attention (h + 24 µs); 40 µs.
                "rank 0 stream 1 mlp_up_proj [36000, 76000]",
                "rank 1 stream 1 mlp_up_proj [37000, 77000]",
                "rank 2 stream 1 mlp_up_proj [38000, 78000]",
                "rank 3 stream 1 mlp_up_proj [39000, 79000]",
                // Step 1, 2,000 tokens: the coordinator resumes at 105,420 (end of step 0's all-reduce, see
                // below), is charged 2 µs, so h = 107,420 + 1,000·r; attention 40 µs, KV save 60 µs, MLP 80 µs.
                "rank 0 stream 1 attn_pre_proj [111420, 151420]",
                "rank 0 stream 2 attn_kv_cache_save [111420, 171420]",
                "rank 1 stream 1 attn_pre_proj [112420, 152420]",
                "rank 1 stream 2 attn_kv_cache_save [112420, 172420]",
                "rank 2 stream 1 attn_pre_proj [113420, 153420]",
                "rank 2 stream 2 attn_kv_cache_save [113420, 173420]",
                "rank 3 stream 1 attn_pre_proj [114420, 154420]",
                "rank 3 stream 2 attn_kv_cache_save [114420, 174420]",
                "rank 0 stream 1 mlp_up_proj [171420, 251420]",
                "rank 1 stream 1 mlp_up_proj [172420, 252420]",
                "rank 2 stream 1 mlp_up_proj [173420, 253420]",
                "rank 3 stream 1 mlp_up_proj [174420, 254420]");
    }

    @Test
    void eachAllReduceStartsAtTheLastArrivalAndLastsWhatTheNetworkModelSays() {
        List<Collective> collectives = events.stream().filter(Collective.class::isInstance).map(Collective.class::cast).toList();

        assertThat(collectives).containsExactly(
                // Every rank arrives when its MLP ends (h + 74 µs); rank 3 arrives last, at 79,000.
                new Collective(79_000, 79_000 + ALL_REDUCE_NANOS, "all_reduce", 1_500_000,
                        new int[] {0, 1, 2, 3}, new long[] {76_000, 77_000, 78_000, 79_000}),
                // Step 1: arrivals at h + 144 µs.
                new Collective(254_420, 254_420 + ALL_REDUCE_NANOS, "all_reduce", 1_500_000,
                        new int[] {0, 1, 2, 3}, new long[] {251_420, 252_420, 253_420, 254_420}));
        assertThat(collectives.get(0).endTime()).isEqualTo(105_420);
        assertThat(collectives.get(1).endTime()).isEqualTo(280_840);
    }

    @Test
    void everyRankJumpsFromItsLaunchTimeToTheEndOfTheAllReduce() {
        List<String> jumps = events.stream().filter(TimeJump.class::isInstance).map(TimeJump.class::cast)
                .sorted(Comparator.comparingLong(TimeJump::time))
                .map(j -> j.thread() + " rank " + j.rank() + " " + j.cause() + " " + j.time() + " -> " + j.to())
                .toList();

        assertThat(jumps).containsExactly(
                "rank-0 rank 0 stream_sync 2000 -> 105420",
                "rank-1 rank 1 stream_sync 3000 -> 105420",
                "rank-2 rank 2 stream_sync 4000 -> 105420",
                "rank-3 rank 3 stream_sync 5000 -> 105420",
                "rank-0 rank 0 stream_sync 107420 -> 280840",
                "rank-1 rank 1 stream_sync 108420 -> 280840",
                "rank-2 rank 2 stream_sync 109420 -> 280840",
                "rank-3 rank 3 stream_sync 110420 -> 280840");
    }

    @Test
    void requestsFollowTheCoordinatorsViewOfVirtualTime() {
        List<String> requests = events.stream().filter(Request.class::isInstance).map(Request.class::cast)
                .map(r -> r.requestId() + " " + r.phase() + " " + r.time()).toList();

        assertThat(requests).containsExactly(
                "req-0 ARRIVED 0",
                "req-0 SCHEDULED 2000",      // after the 2 µs charge
                "req-0 FINISHED 105420",     // the ranks' futures complete when their sync returns
                "req-1 ARRIVED 105420",
                "req-1 SCHEDULED 107420",
                "req-1 FINISHED 280840");
    }

    @Test
    void theRunIsBracketedAndEndsWhenTheLastThreadDoes() {
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.RunStart.class);
        assertThat(events.getLast()).isEqualTo(new RunEnd(280_840, "ok", ""));
        assertThat(finalTime).isEqualTo(280_840);
        assertThat(events.stream().filter(Memory.class::isInstance).map(Memory.class::cast))
                .extracting(Memory::time, Memory::rank, Memory::bytesInUse)
                .containsExactlyInAnyOrder(
                        tuple(0L, 0, 16L << 30),
                        tuple(0L, 1, 16L << 30),
                        tuple(0L, 2, 16L << 30),
                        tuple(0L, 3, 16L << 30));
    }

    @Test
    void eventTimesNeverGoBackwardsOnAnyStreamTimeline() {
        // Per (rank, stream), kernels are placed in order and never overlap.
        events.stream().filter(Kernel.class::isInstance).map(Kernel.class::cast)
                .collect(Collectors.groupingBy(k -> k.rank() * 100 + k.stream()))
                .forEach((track, kernels) -> {
                    for (int i = 1; i < kernels.size(); i++) {
                        assertThat(kernels.get(i).time()).as("track %d kernel %d", track, i).isGreaterThanOrEqualTo(kernels.get(i - 1).endTime());
                    }
                });
    }
}
