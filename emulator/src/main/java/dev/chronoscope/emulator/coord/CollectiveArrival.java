package dev.chronoscope.emulator.coord;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One rank reaching a collective.
 *
 * @param group        communicator name shared by all its ranks, e.g. {@code "tp0"}
 * @param op           operation, e.g. {@code "all_reduce"}
 * @param bytes        payload per rank
 * @param rank         this rank within the group, 0-based
 * @param ranks        group size
 * @param arrivalNanos virtual time at which this rank reached the collective
 * @param members      the group's global ranks in group order (where they sit on nodes sets the
 *                     network cost; a send/recv is the group {@code [sender, receiver]}); empty
 *                     means {@code 0..ranks-1}
 */
public record CollectiveArrival(String group, String op, long bytes, int rank, int ranks, long arrivalNanos,
                                List<Integer> members) {

    public CollectiveArrival {
        members = List.copyOf(members);
        if (!members.isEmpty() && members.size() != ranks) {
            throw new IllegalArgumentException("collective '" + group + "': " + members.size() + " members " + members
                    + " for a group of " + ranks + " ranks");
        }
    }

    /** A group whose global ranks are {@code 0..ranks-1}. */
    public CollectiveArrival(String group, String op, long bytes, int rank, int ranks, long arrivalNanos) {
        this(group, op, bytes, rank, ranks, arrivalNanos, List.of());
    }

    /** The group's global ranks: {@link #members}, or {@code 0..ranks-1} when none were given. */
    public int[] globalRanks() {
        return members.isEmpty() ? IntStream.range(0, ranks).toArray() : members.stream().mapToInt(Integer::intValue).toArray();
    }
}
