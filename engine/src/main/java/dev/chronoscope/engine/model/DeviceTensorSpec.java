package dev.chronoscope.engine.model;

import java.util.List;

/** A tensor as one rank holds it on its device: {@code rows × cols} row-major, assembled from pieces. */
public record DeviceTensorSpec(String key, int rows, int cols, List<TensorPiece> pieces) {
    public long elements() { return (long) rows * cols; }
}
