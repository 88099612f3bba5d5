package dev.chronoscope.engine.scheduler;

import dev.chronoscope.engine.core.request.Request;

import java.util.List;

/** What one call to {@link Scheduler#schedule()} decided: the batch in order, and who was preempted. */
public record SchedulerOutput(List<ScheduledRequest> scheduled, List<Request> preempted) {

    public int totalTokens() {
        return scheduled.stream().mapToInt(ScheduledRequest::numNewTokens).sum();
    }

    public boolean isEmpty() { return scheduled.isEmpty(); }
}
