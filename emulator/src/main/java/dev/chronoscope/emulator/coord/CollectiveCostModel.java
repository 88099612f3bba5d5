package dev.chronoscope.emulator.coord;

/** Predicts how long a collective lasts once every rank has arrived; supplied by the caller (network models). */
@FunctionalInterface
public interface CollectiveCostModel {

    /** Duration in virtual nanoseconds (>= 0) of {@code op} moving {@code bytes} per rank among {@code ranks} ranks. */
    long durationNanos(String op, long bytes, int ranks);

    /**
     * The same among the given global ranks, in group order: a model that knows how ranks sit on
     * nodes (a send between two nodes is slower than one inside a node) overrides this.
     */
    default long durationNanos(String op, long bytes, int[] globalRanks) {
        return durationNanos(op, bytes, globalRanks.length);
    }
}
