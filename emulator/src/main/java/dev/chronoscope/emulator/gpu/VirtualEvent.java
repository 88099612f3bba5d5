package dev.chronoscope.emulator.gpu;

/**
 * A CUDA event: a marker recorded into a stream that completes when the work before it has.
 * Waits and synchronisations use the most recent record at the time they are called, as CUDA does.
 */
public final class VirtualEvent {
    final VirtualDevice device;
    final int id;
    /** The latest record, or null if never recorded. */
    Completion latest;
    boolean destroyed;

    VirtualEvent(VirtualDevice device, int id) {
        this.device = device;
        this.id = id;
    }

    public int id() { return id; }

    String describe() {
        return "event " + id + " of rank " + device.rank();
    }

    /** One record of the event: its virtual completion time once the stream has placed it. */
    static final class Completion {
        boolean placed;
        long time;

        void place(long atTime) {
            placed = true;
            time = atTime;
        }
    }
}
