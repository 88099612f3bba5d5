package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.event.StreamEvent.CopyKind;

/**
 * Work queued on a stream whose start is not yet known because an earlier op waits on another
 * rank (a collective) or on an event that such an op will record. Each carries the host time of
 * its call, so that it is placed exactly as it would have been placed at once.
 */
sealed interface StreamOp {

    long hostTime();

    record Launch(long hostTime, String kernel, Features features, Prediction prediction, int graphId) implements StreamOp {}

    record Copy(long hostTime, CopyKind kind, long bytes) implements StreamOp {}

    record Record(long hostTime, VirtualEvent.Completion completion) implements StreamOp {}

    /** cudaStreamWaitEvent: later work on the stream starts no earlier than the event's completion. */
    record Wait(long hostTime, VirtualEvent.Completion completion) implements StreamOp {}

    /** This rank's part in a collective; it arrives once, when the stream reaches it. */
    final class CollectiveStep implements StreamOp {
        final long hostTime;
        final Communicator communicator;
        final Rendezvous rendezvous;
        final int slot;
        boolean arrived;

        CollectiveStep(long hostTime, Communicator communicator, Rendezvous rendezvous, int slot) {
            this.hostTime = hostTime;
            this.communicator = communicator;
            this.rendezvous = rendezvous;
            this.slot = slot;
        }

        @Override public long hostTime() { return hostTime; }
    }
}
