package dev.chronoscope.app.runs;

import java.util.Arrays;
import java.util.List;

/** The virtual GPU types of DESIGN §7 that a scenario may name, with their memory for display. */
public enum GpuPreset {
    A100_80GB("a100-80gb", 80),
    A40("a40", 48),
    H100_SXM("h100-sxm", 80),
    H200("h200", 141),
    L40S("l40s", 48),
    B200("b200", 192),
    CPU_LOCAL("cpu-local", 0);

    private final String id;
    private final int memoryGiB;

    GpuPreset(String id, int memoryGiB) {
        this.id = id;
        this.memoryGiB = memoryGiB;
    }

    public String id() { return id; }
    /** Device memory in GiB; 0 for the host CPU, whose memory is this machine's. */
    public int memoryGiB() { return memoryGiB; }

    public static List<String> ids() { return Arrays.stream(values()).map(GpuPreset::id).toList(); }

    public static GpuPreset byId(String id) {
        for (GpuPreset p : values()) if (p.id.equals(id)) return p;
        throw new IllegalArgumentException("unknown GPU '" + id + "'; expected one of " + ids());
    }

    @Override public String toString() { return id; }
}
