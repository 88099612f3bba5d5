package dev.chronoscope.emulator.gpu;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-device allocation accounting with the capacity enforced; nothing is really allocated.
 * Addresses are handed out upwards and never reused, so a stale pointer can never alias a live
 * allocation. Fragmentation-free (DESIGN §7): only the byte total counts against capacity.
 */
final class DeviceMemory {
    /** Where device pointers start; looks like a CUDA device address and is 512-byte aligned, like PyTorch's blocks. */
    private static final long BASE_ADDRESS = 0x7f00_0000_0000L;
    private static final long ALIGNMENT = 512;

    record Allocation(long bytes, String tag) {}

    private final long capacity;
    private final Map<Long, Allocation> live = new HashMap<>();
    private long inUse;
    private long nextAddress = BASE_ADDRESS;

    DeviceMemory(long capacity) {
        this.capacity = capacity;
    }

    long capacity() { return capacity; }

    long inUse() { return inUse; }

    long free() { return capacity - inUse; }

    /**
     * @return the device pointer
     * @throws CudaException for a negative size, {@link CudaOutOfMemoryException} when it does not fit; nothing changes then
     */
    long allocate(long bytes, String tag, int deviceIndex) {
        if (bytes < 0) {
            throw new CudaException(CudaError.cudaErrorInvalidValue, "cudaMalloc: size must be ≥ 0 bytes but was " + bytes
                    + (tag.isEmpty() ? "" : " (allocation '" + tag + "')"));
        }
        if (bytes > free()) {
            throw new CudaOutOfMemoryException(bytes, free(), "CUDA out of memory. Tried to allocate " + ByteSizes.format(bytes)
                    + ". GPU " + deviceIndex + " has a total capacity of " + ByteSizes.format(capacity)
                    + " of which " + ByteSizes.format(free()) + " is free. Of the allocated memory " + ByteSizes.format(inUse)
                    + " is allocated by this process in " + live.size() + (live.size() == 1 ? " live allocation." : " live allocations."));
        }
        long pointer = nextAddress;
        nextAddress += Math.max(ALIGNMENT, (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
        live.put(pointer, new Allocation(bytes, tag));
        inUse += bytes;
        return pointer;
    }

    /**
     * @throws CudaException naming the pointer when it is not the start of a live allocation
     */
    Allocation release(long pointer, int rank) {
        Allocation a = live.remove(pointer);
        if (a == null) {
            throw new CudaException(CudaError.cudaErrorInvalidValue, String.format(
                    "cudaFree: 0x%x is not the start of a live allocation on rank %d (never allocated here, or already freed)", pointer, rank));
        }
        inUse -= a.bytes();
        return a;
    }
}
