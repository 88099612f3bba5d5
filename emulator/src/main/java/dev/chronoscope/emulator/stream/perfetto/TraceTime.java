package dev.chronoscope.emulator.stream.perfetto;

/** Chrome trace timestamps are microseconds; writes nanoseconds exactly as decimal microseconds. */
final class TraceTime {

    private TraceTime() {}

    /** {@code 1234567} ns → {@code "1234.567"}; whole microseconds have no fraction. */
    static String micros(long nanos) {
        StringBuilder sb = new StringBuilder(24);
        if (nanos < 0) sb.append('-');
        long abs = Math.abs(nanos);
        if (nanos == Long.MIN_VALUE) return "-9223372036854775.808";
        sb.append(abs / 1000);
        int frac = (int) (abs % 1000);
        if (frac != 0) {
            sb.append('.');
            if (frac < 100) sb.append('0');
            if (frac < 10) sb.append('0');
            sb.append(frac);
        }
        return sb.toString();
    }
}
