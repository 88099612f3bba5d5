package dev.chronoscope.emulator.stream.event;

import dev.chronoscope.emulator.models.Features;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * The events of the interposer stream (DESIGN §9, docs/protocol.md). Every event carries the
 * virtual time (ns since run start) at which it happened; kernel-like events carry start and end.
 * This is the contract between the emulator (producer), the stream encodings and sinks, and every
 * subscriber (workbench, exporters).
 */
public sealed interface StreamEvent {

    /** Virtual time of the event in nanoseconds; for spans, the start. */
    long time();

    /** Run header. {@code scenarioJson} is the scenario as given; {@code versions} names software and model versions. */
    record RunStart(long time, String runId, String scenarioJson, String timeMode, Map<String, String> versions,
                    long wallClockEpochMillis) implements StreamEvent {
        public RunStart {
            versions = sortedCopy(versions);
        }
    }

    /** An emulated OS process (one engine JVM or other client). */
    record ProcessRegistered(long time, int processId, String name) implements StreamEvent {}

    /** A rank (one virtual GPU) and the process that drives it. */
    record RankRegistered(long time, int rank, int processId, String deviceType, int deviceIndex,
                          long memoryCapacityBytes) implements StreamEvent {}

    /** A stream of a rank; {@code name} e.g. "compute", "comm", or "host:engine-core" for host lanes. */
    record StreamRegistered(long time, int rank, int stream, String name) implements StreamEvent {}

    /** A kernel placed on a stream. */
    record Kernel(long time, long endTime, int rank, int stream, String name, Features features,
                  String modelVersion, boolean outOfRange, int graphId) implements StreamEvent {
        /** graphId used when the kernel was launched directly rather than from a replayed graph. */
        public static final int NO_GRAPH = -1;
        public long duration() { return endTime - time; }
    }

    enum CopyKind { HOST_TO_DEVICE, DEVICE_TO_HOST, DEVICE_TO_DEVICE }

    record Memcpy(long time, long endTime, int rank, int stream, CopyKind kind, long bytes) implements StreamEvent {}

    /** An allocation (positive {@code deltaBytes}) or free (negative); {@code bytesInUse} after it. */
    record Memory(long time, int rank, long deltaBytes, long bytesInUse, String tag) implements StreamEvent {}

    /** A host thread blocked from {@code time} to {@code to}: the time jump of a synchronising call. */
    record TimeJump(long time, long to, int rank, String thread, String cause) implements StreamEvent {}

    /** A collective: when each rank arrived, when it started (all arrived) and ended. */
    record Collective(long time, long endTime, String op, long bytes, int[] ranks, long[] arrivals)
            implements StreamEvent {
        // Records compare array components by identity; events are values, so compare contents.
        @Override public boolean equals(Object o) {
            return o instanceof Collective c && time == c.time && endTime == c.endTime && bytes == c.bytes
                    && Objects.equals(op, c.op) && Arrays.equals(ranks, c.ranks) && Arrays.equals(arrivals, c.arrivals);
        }
        @Override public int hashCode() {
            return Objects.hash(time, endTime, op, bytes) * 31 * 31 + Arrays.hashCode(ranks) * 31 + Arrays.hashCode(arrivals);
        }
        @Override public String toString() {
            return "Collective[time=" + time + ", endTime=" + endTime + ", op=" + op + ", bytes=" + bytes
                    + ", ranks=" + Arrays.toString(ranks) + ", arrivals=" + Arrays.toString(arrivals) + "]";
        }
    }

    /** One entry of a scheduler step's batch. */
    record BatchEntry(String requestId, int numTokens, boolean prefill) {}

    /** One engine step: the batch composition and the KV cache after scheduling. */
    record SchedulerStep(long time, long stepIndex, List<BatchEntry> batch, int numRunning, int numWaiting,
                         int kvBlocksUsed, int kvBlocksFree, int preemptions) implements StreamEvent {
        public int prefillTokens() { return batch.stream().filter(BatchEntry::prefill).mapToInt(BatchEntry::numTokens).sum(); }
        public int decodeTokens() { return batch.stream().filter(b -> !b.prefill()).mapToInt(BatchEntry::numTokens).sum(); }
    }

    enum RequestPhase { ARRIVED, SCHEDULED, FIRST_TOKEN, TOKEN, PREEMPTED, FINISHED }

    /** A request lifecycle point; {@code tokens} is the output token count so far (prompt length on ARRIVED). */
    record Request(long time, String requestId, RequestPhase phase, int tokens) implements StreamEvent {}

    /** KV blocks held by a request after a step; {@code sharedBlocks} of them are prefix-cache hits. */
    record KvBlocks(long time, String requestId, int[] blockIds, int sharedBlocks) implements StreamEvent {
        @Override public boolean equals(Object o) {
            return o instanceof KvBlocks k && time == k.time && sharedBlocks == k.sharedBlocks
                    && Objects.equals(requestId, k.requestId) && Arrays.equals(blockIds, k.blockIds);
        }
        @Override public int hashCode() {
            return Objects.hash(time, requestId, sharedBlocks) * 31 + Arrays.hashCode(blockIds);
        }
        @Override public String toString() {
            return "KvBlocks[time=" + time + ", requestId=" + requestId + ", blockIds=" + Arrays.toString(blockIds)
                    + ", sharedBlocks=" + sharedBlocks + "]";
        }
    }

    /** Named metric values at a point in virtual time (e.g. "running", "kv_usage"). */
    record MetricsSnapshot(long time, Map<String, Double> values) implements StreamEvent {
        public MetricsSnapshot {
            values = sortedCopy(values);
        }
    }

    /** Run trailer. {@code status} is "ok" or "error"; {@code message} explains an error. */
    record RunEnd(long time, String status, String message) implements StreamEvent {}

    /**
     * Maps in events are kept in key order: encoders write them in iteration order, and the order of
     * {@code Map.of} changes from one JVM to the next, which would break byte-identical streams.
     */
    private static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
