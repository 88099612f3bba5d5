package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.stream.event.StreamEvent;

/** Every event type with its binary tag and its NDJSON {@code type} name (docs/protocol.md §Events). */
public enum EventType {
    RUN_START(0x10, "run_start"),
    PROCESS_REGISTERED(0x11, "process_registered"),
    RANK_REGISTERED(0x12, "rank_registered"),
    STREAM_REGISTERED(0x13, "stream_registered"),
    KERNEL(0x14, "kernel"),
    MEMCPY(0x15, "memcpy"),
    MEMORY(0x16, "memory"),
    TIME_JUMP(0x17, "time_jump"),
    COLLECTIVE(0x18, "collective"),
    SCHEDULER_STEP(0x19, "scheduler_step"),
    REQUEST(0x1A, "request"),
    KV_BLOCKS(0x1B, "kv_blocks"),
    METRICS_SNAPSHOT(0x1C, "metrics_snapshot"),
    RUN_END(0x1D, "run_end");

    private static final EventType[] BY_TAG = new EventType[256];
    static {
        for (EventType t : values()) BY_TAG[t.tag] = t;
    }

    public final int tag;
    public final String jsonName;

    EventType(int tag, String jsonName) {
        this.tag = tag;
        this.jsonName = jsonName;
    }

    /** The type of a binary frame tag, or null when the tag names no event. */
    public static EventType ofTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }

    /** The type of an NDJSON {@code type} value, or null. */
    public static EventType ofJsonName(String name) {
        for (EventType t : values()) if (t.jsonName.equals(name)) return t;
        return null;
    }

    public static EventType of(StreamEvent event) {
        return switch (event) {
            case StreamEvent.RunStart e -> RUN_START;
            case StreamEvent.ProcessRegistered e -> PROCESS_REGISTERED;
            case StreamEvent.RankRegistered e -> RANK_REGISTERED;
            case StreamEvent.StreamRegistered e -> STREAM_REGISTERED;
            case StreamEvent.Kernel e -> KERNEL;
            case StreamEvent.Memcpy e -> MEMCPY;
            case StreamEvent.Memory e -> MEMORY;
            case StreamEvent.TimeJump e -> TIME_JUMP;
            case StreamEvent.Collective e -> COLLECTIVE;
            case StreamEvent.SchedulerStep e -> SCHEDULER_STEP;
            case StreamEvent.Request e -> REQUEST;
            case StreamEvent.KvBlocks e -> KV_BLOCKS;
            case StreamEvent.MetricsSnapshot e -> METRICS_SNAPSHOT;
            case StreamEvent.RunEnd e -> RUN_END;
        };
    }
}
