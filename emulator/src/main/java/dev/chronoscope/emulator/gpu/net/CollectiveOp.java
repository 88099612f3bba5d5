package dev.chronoscope.emulator.gpu.net;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The collectives of DESIGN §8, named as Vidur's profiles name them. */
public enum CollectiveOp {
    ALL_REDUCE, ALL_GATHER, SEND_RECV;

    /** Built once: every collective event of a run carries it. */
    private final String kernelName = name().toLowerCase(Locale.ROOT);

    /** The operator name, e.g. {@code all_reduce}. */
    public String kernelName() {
        return kernelName;
    }

    /** @throws IllegalArgumentException naming the valid names */
    public static CollectiveOp fromKernelName(String name) {
        for (CollectiveOp op : values()) {
            if (op.kernelName().equals(name)) return op;
        }
        throw new IllegalArgumentException("unknown collective '" + name + "'; valid collectives: "
                + Arrays.stream(values()).map(CollectiveOp::kernelName).collect(Collectors.joining(", ")));
    }
}
