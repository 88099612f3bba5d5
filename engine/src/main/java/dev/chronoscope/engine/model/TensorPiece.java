package dev.chronoscope.engine.model;

/**
 * Part of a device tensor taken from one HuggingFace tensor. Device tensors are
 * {@code rows × ld} row-major; this piece fills columns {@code [colOffset, colOffset + cols)} of
 * every row, and its element at (r, c) is element number
 * {@code (rowStart + r)·rowStride + (colStart + c)·colStride} of the flattened HuggingFace tensor.
 *
 * @param hfName     the HuggingFace tensor name
 * @param hfShape    that tensor's shape, checked against a checkpoint
 * @param initBound  seeded initialisation: uniform in ±bound; 0 means the tensor is initialised to ones
 */
public record TensorPiece(String hfName, long[] hfShape, float initBound, int colOffset, int cols,
                          long rowStart, long rowStride, long colStart, long colStride) {

    public boolean isOnes() { return initBound == 0f; }

    /** Index into the flattened HuggingFace tensor of this piece's element (r, c). */
    public long sourceIndex(int r, int c) { return (rowStart + r) * rowStride + (colStart + c) * colStride; }
}
