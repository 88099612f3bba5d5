package dev.chronoscope.emulator.coord;

import java.util.List;

/**
 * A snapshot of a running coordinator, e.g. for a live status view.
 *
 * @param globalTime       global virtual time, ns
 * @param registered       clients registered so far
 * @param blocked          ids of the clients currently blocked, ascending
 * @param messagesInFlight inter-process messages announced but not yet matched
 * @param grants           grants given so far
 */
public record CoordinatorStatus(long globalTime, int registered, List<Integer> blocked, int messagesInFlight,
                                int grants) {

    public CoordinatorStatus {
        blocked = List.copyOf(blocked);
    }
}
