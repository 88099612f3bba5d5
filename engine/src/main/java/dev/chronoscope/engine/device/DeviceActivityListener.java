package dev.chronoscope.engine.device;

/**
 * Activity records of a device, as CUPTI's are for a GPU: what ran on its streams and how long the
 * hand-offs between the host and the stream workers took, all in {@link System#nanoTime}. Called on
 * the thread that observed the activity (a stream worker, or the waiting host thread), so an
 * implementation must be thread-safe and quick. Enabled with {@link Devices#recordActivity}.
 */
public interface DeviceActivityListener {

    /** A kernel, with the shape it ran at (a graph replay's dynamic shape applied), ran on {@code device} from start to end. */
    default void onKernel(int device, KernelLaunch kernel, long startNanos, long endNanos) {}

    /**
     * A collective ran on a stream of {@code device} from start to end, waiting for the group's other ranks included.
     *
     * @param op    all_reduce, all_gather or send_recv
     * @param bytes NCCL's convention: the buffer of an all-reduce, the gathered buffer of an all-gather, the message of a send/recv
     */
    default void onCollective(int device, String op, long bytes, int ranks, long startNanos, long endNanos) {}

    /** Work enqueued on a stream of {@code device} whose worker was idle started once that worker had woken up. */
    default void onWorkerWakeUp(int device, long enqueuedNanos, long startedNanos) {}

    /**
     * A host thread waited for a stream of {@code device} (a synchronisation or a blocking device-to-host
     * copy) from {@code waitNanos}: the stream's work was done at {@code doneNanos} and the host thread ran
     * again at {@code resumedNanos}.
     */
    default void onHostWakeUp(int device, long waitNanos, long doneNanos, long resumedNanos) {}
}
