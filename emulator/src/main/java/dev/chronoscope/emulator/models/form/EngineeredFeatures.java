package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a launch's raw shape arguments into the features models are fitted over: the raw values
 * themselves plus FLOPs, bytes, cache spill and the roofline time on the given device. Deriving
 * work from shapes is what lets one model per (device, kernel) transfer to model shapes it never saw.
 */
public final class EngineeredFeatures {
    private EngineeredFeatures() {}

    public static final String INTERCEPT = "1", FLOPS = "flops", BYTES = "bytes", WEIGHT_BYTES = "weight_bytes",
            ROW_ELEMS = "row_elems", TOKENS = "tokens", LINK_BYTES = "link_bytes",
            SPILL_BYTES = "spill_bytes", SPILL_HALF_BYTES = "spill_half_bytes", ROOFLINE_NS = "roofline_ns";

    /** Every engineered name, in a fixed order. */
    public static final List<String> NAMES = List.of(INTERCEPT, FLOPS, BYTES, WEIGHT_BYTES, ROW_ELEMS, TOKENS,
            LINK_BYTES, SPILL_BYTES, SPILL_HALF_BYTES, ROOFLINE_NS);

    /** The feature set of the shipped linear models for compute kernels. */
    public static final List<String> DEFAULT_LINEAR = List.of(INTERCEPT, FLOPS, BYTES, WEIGHT_BYTES, ROW_ELEMS,
            SPILL_BYTES, SPILL_HALF_BYTES, ROOFLINE_NS);

    public static Features of(String kernel, Features raw, RooflineSpec spec) {
        OpCost c = OpCost.of(kernel, raw);
        List<String> names = new ArrayList<>(NAMES.size() + raw.size());
        double[] values = new double[NAMES.size() + raw.size()];
        double[] engineered = {1, c.flops(), c.bytes(), c.weightBytes(), c.rowElems(), c.tokens(), c.linkBytes(),
                Math.max(0, c.bytes() - spec.l2Bytes()), Math.max(0, c.bytes() - spec.l2Bytes() / 2),
                rooflineNanos(c, spec)};
        names.addAll(NAMES);
        System.arraycopy(engineered, 0, values, 0, engineered.length);
        int n = engineered.length;
        for (int i = 0; i < raw.size(); i++) {
            if (NAMES.contains(raw.name(i))) continue;
            names.add(raw.name(i));
            values[n++] = raw.value(i);
        }
        return Features.of(names.toArray(String[]::new), java.util.Arrays.copyOf(values, n));
    }

    /** max(compute, memory) time; for collectives, the link latency plus the bytes over the interconnect. */
    public static double rooflineNanos(OpCost c, RooflineSpec spec) {
        double compute = c.flops() / spec.peakFlops(), memory = c.bytes() / spec.memoryBandwidth();
        double link = c.linkBytes() > 0 ? spec.linkLatencyNanos() / 1e9 + c.linkBytes() / spec.linkBandwidth() : 0;
        return 1e9 * (Math.max(compute, memory) + link);
    }
}
