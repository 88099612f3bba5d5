package dev.chronoscope.engine.device;

/**
 * A device pointer: an allocation, an element offset into it and an element count. Tensors live
 * behind pointers; host code never sees their storage.
 */
public record DevicePtr(long allocation, DType dtype, long offset, long count) {

    public long bytes() { return count * dtype.bytes(); }

    /** Pointer arithmetic: {@code count} elements starting {@code from} elements after this pointer. */
    public DevicePtr slice(long from, long sliceCount) {
        if (from < 0 || sliceCount < 0 || from + sliceCount > count) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + (from + sliceCount) + ") of " + count + " elements");
        }
        return new DevicePtr(allocation, dtype, offset + from, sliceCount);
    }
}
