package dev.chronoscope.emulator.stream.columnar;

/**
 * The kernels of one track that a range query found, as parallel primitive columns (ids resolve
 * through the {@link KernelDictionary}); {@code index} holds each kernel's position in the track.
 */
public record KernelSlices(long[] index, long[] start, long[] end, int[] nameId, int[] modelVersionId,
                           int[] featureSetId, int[] graphId, byte[] flags) {

    public int size() { return index.length; }

    public boolean outOfRange(int i) { return (flags[i] & ColumnarFormat.FLAG_OUT_OF_RANGE) != 0; }
}
