package dev.chronoscope.app.runs;

/**
 * One request's life: its state from each {@code times[i]} until the next transition.
 * Times are virtual nanoseconds; -1 where a point has not been reached.
 */
public record RequestTrack(String id, int promptTokens, int outputTokens, long arrival, long firstToken, long finished,
                           int preemptions, long[] times, RequestState[] states) {

    public boolean isFinished() { return finished >= 0; }
}
