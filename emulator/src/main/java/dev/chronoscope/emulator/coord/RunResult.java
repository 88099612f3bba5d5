package dev.chronoscope.emulator.coord;

import java.util.List;
import java.util.Map;

/**
 * What a finished run reports.
 *
 * @param finalTime  the latest final virtual time among clients
 * @param grants     every grant, in the order given
 * @param finalTimes each client's final virtual time, by client name
 */
public record RunResult(long finalTime, List<GrantRecord> grants, Map<String, Long> finalTimes) {

    public RunResult {
        grants = List.copyOf(grants);
        finalTimes = Map.copyOf(finalTimes);
    }
}
