package dev.chronoscope.app.timeline;

import dev.chronoscope.emulator.models.Features;

/**
 * Everything known about one span, for the tooltip and the details pane.
 *
 * @param modelVersion the kernel-duration model version that predicted it; empty for non-kernels
 */
public record SpanDetails(int id, SpanKind kind, String name, KernelFamily family, int rank, String rowName,
                          long start, long end, Features features, String modelVersion, boolean outOfRange) {
    public long duration() { return end - start; }
}
