package dev.chronoscope.emulator.coord;

import java.util.List;

/** What one emulated rank does, step by step; times are virtual nanoseconds. */
sealed interface RankProgram {

    record Compute(long nanos) implements RankProgram {}

    record AllReduce(long bytes) implements RankProgram {}

    record Send(int to, long latencyNanos) implements RankProgram {}

    record Recv(int from) implements RankProgram {}

    /**
     * The scenario used by the determinism and split invariance tests: compute, all-reduce, a ring
     * exchange, more compute, another all-reduce; every rank's durations differ.
     */
    static List<RankProgram> ringScenario(int rank, int ranks) {
        return List.of(
                new Compute(1_000 + 137L * rank),
                new AllReduce(8_192),
                new Send((rank + 1) % ranks, 300 + 11L * rank),
                new Recv((rank + ranks - 1) % ranks),
                new Compute(500L * (rank + 1)),
                new AllReduce(4_096),
                new Compute(77L * rank));
    }
}
