package dev.chronoscope.emulator.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Linux pressure-stall information for the CPU ({@code /proc/pressure/cpu}): the time during which
 * some runnable task waited for a core. Over a real run it says how much other processes competed
 * with the engine for the CPU, which the emulation (calibrated on thread CPU time) does not see.
 */
final class CpuPressure {
    private static final Path FILE = Path.of("/proc/pressure/cpu");

    private CpuPressure() {}

    /** Microseconds of "some" CPU stall since boot; empty where the kernel does not report it. */
    static OptionalLong stalledMicros() {
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (line.startsWith("some ")) return parseTotal(line);
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The {@code total=} field of a PSI line such as {@code some avg10=1.00 avg60=0.50 avg300=0.20 total=12345}. */
    static OptionalLong parseTotal(String line) {
        for (String field : line.split(" ")) {
            if (field.startsWith("total=")) return OptionalLong.of(Long.parseLong(field.substring("total=".length())));
        }
        return OptionalLong.empty();
    }

    /** Percentage of {@code wallNanos} during which some task waited for the CPU; NaN when unknown. */
    static double stallPct(OptionalLong before, OptionalLong after, long wallNanos) {
        if (before.isEmpty() || after.isEmpty() || wallNanos <= 0) return Double.NaN;
        return (after.getAsLong() - before.getAsLong()) * 1000.0 / wallNanos * 100;
    }
}
