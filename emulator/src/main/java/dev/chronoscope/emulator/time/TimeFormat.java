package dev.chronoscope.emulator.time;

/** Virtual instants in messages: seconds with nanosecond digits, and the raw count. */
final class TimeFormat {

    private TimeFormat() {
    }

    static String nanos(long virtualNanos) {
        return String.format("%d.%09d s (%d ns)", virtualNanos / 1_000_000_000L, virtualNanos % 1_000_000_000L, virtualNanos);
    }
}
