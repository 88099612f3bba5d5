package dev.chronoscope.emulator.coord.client;

import dev.chronoscope.emulator.coord.CollectiveArrival;
import dev.chronoscope.emulator.gpu.RemoteCollectives;
import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.time.Emulation;

import java.util.Arrays;
import java.util.List;

/**
 * The collectives and send/recv of a virtual cluster whose other ranks live in other processes,
 * met at the coordinator (docs/coordination.md §7): each arrival becomes a {@code COLLECTIVE_ARRIVE}
 * with the group's global ranks as {@code members}, and the coordinator's timing is applied on the
 * emulation's carrier, as {@link RemoteCollectives} requires.
 */
public final class CoordinatedCollectives implements RemoteCollectives {
    private final CoordinatorClient client;
    private final Emulation emulation;
    private final PlatformCalls calls;

    /** {@code calls} keeps the emulated threads of {@code emulation} from parking inside the client. */
    public CoordinatedCollectives(CoordinatorClient client, Emulation emulation, PlatformCalls calls) {
        this.client = client;
        this.emulation = emulation;
        this.calls = calls;
    }

    @Override
    public void arrive(int[] group, long sequence, CollectiveOp op, long bytes, int groupRank, long arrival, Resolution resolution) {
        join(new CollectiveArrival(groupName(group), op.kernelName(), bytes, groupRank, group.length, arrival,
                Arrays.stream(group).boxed().toList()), sequence, resolution);
    }

    /**
     * A send/recv is a rendezvous of two (docs/coordination.md, "Point-to-point transfers"): sender
     * rank 0, receiver rank 1, in a group of its own per communicator and direction, numbered by the
     * pair's own sequence as NCCL pairs sends with receives.
     */
    @Override
    public void transfer(int[] group, int from, int to, long sequence, long bytes, boolean sending, long arrival,
                         Resolution resolution) {
        join(new CollectiveArrival(groupName(group) + ":" + from + "->" + to, CollectiveOp.SEND_RECV.kernelName(), bytes,
                sending ? 0 : 1, 2, arrival, List.of(from, to)), sequence, resolution);
    }

    private void join(CollectiveArrival arrived, long sequence, Resolution resolution) {
        calls.run(() -> client.arrive(arrived, sequence).thenAccept(timing ->
                emulation.scheduleAt(0, () -> resolution.resolve(timing.startNanos(), timing.endNanos()))));
    }

    /** The coordinator's name of a communicator: its global ranks, e.g. {@code group[0, 4]}. */
    private static String groupName(int[] group) {
        return "group" + Arrays.toString(group);
    }
}
