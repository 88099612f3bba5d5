package dev.chronoscope.emulator.gpu;

import java.util.Locale;

/** Byte counts written the way PyTorch's caching allocator writes them in its messages ({@code format_size}). */
final class ByteSizes {
    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private ByteSizes() {}

    static String format(long bytes) {
        if (bytes <= KIB) return bytes + " bytes";
        if (bytes <= MIB) return String.format(Locale.ROOT, "%.2f KiB", bytes / (double) KIB);
        if (bytes <= GIB) return String.format(Locale.ROOT, "%.2f MiB", bytes / (double) MIB);
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
    }
}
