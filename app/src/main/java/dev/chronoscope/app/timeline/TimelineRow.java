package dev.chronoscope.app.timeline;

/**
 * One lane of the timeline: a device stream of a rank, or a host lane (a host thread's time jumps).
 *
 * @param index position in {@link TimelineData#rows()}
 */
public record TimelineRow(int index, int rank, Kind kind, int stream, String name, SpanColumn spans) {

    public enum Kind { DEVICE_STREAM, HOST_LANE }

    public String label() {
        return "rank " + rank + " · " + name;
    }
}
