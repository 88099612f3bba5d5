package dev.chronoscope.engine.device;

/**
 * On-device initialisation of a buffer (as curand or a fill kernel would do), so weights of any
 * size can be created without host memory.
 */
public sealed interface FillSpec {

    /** Every element set to {@code value}. */
    record Constant(float value) implements FillSpec {}

    /**
     * Deterministic uniform values in {@code [-bound, bound]} drawn from a counter-based generator:
     * the element at local (row r, column c) of a {@code rows × cols} view with leading dimension
     * {@code ld} starting {@code colOffset} columns into the buffer takes the value numbered
     * {@code (rowStart + r) · rowStride + (colStart + c) · colStride} of the stream {@code seed}.
     * A shard of a tensor thus holds exactly the values of the same region of the whole tensor.
     */
    record SeededUniform(long seed, float bound, int rows, int cols, int ld, int colOffset,
                         long rowStart, long rowStride, long colStart, long colStride) implements FillSpec {}
}
