package dev.chronoscope.emulator.coord;

/**
 * One rank reaching a collective.
 *
 * @param group        communicator name shared by all its ranks, e.g. {@code "tp0"}
 * @param op           operation, e.g. {@code "all_reduce"}
 * @param bytes        payload per rank
 * @param rank         this rank within the group, 0-based
 * @param ranks        group size
 * @param arrivalNanos virtual time at which this rank reached the collective
 */
public record CollectiveArrival(String group, String op, long bytes, int rank, int ranks, long arrivalNanos) {}
