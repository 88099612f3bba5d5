package dev.chronoscope.engine.worker;

/** vLLM's graph capture sizes: 1, 2, 4, then every multiple of 8 up to 512; a decode batch is padded up to the next one. */
final class CaptureSizes {
    static final int MAX = 512;

    private CaptureSizes() {}

    /** The capture size for a decode batch of {@code batch} sequences, or -1 when it exceeds {@code limit}. */
    static int paddedSize(int batch, int limit) {
        int size = batch <= 1 ? 1 : batch <= 2 ? 2 : batch <= 4 ? 4 : ((batch + 7) / 8) * 8;
        return size <= Math.min(MAX, limit) ? size : -1;
    }
}
