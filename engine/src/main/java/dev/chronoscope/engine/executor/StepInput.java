package dev.chronoscope.engine.executor;

import java.util.List;

/** The sequences of one engine step, in batch order. */
public record StepInput(long stepIndex, List<ScheduledSequence> sequences) {

    public int totalTokens() {
        return sequences.stream().mapToInt(s -> s.tokenIds().length).sum();
    }
}
