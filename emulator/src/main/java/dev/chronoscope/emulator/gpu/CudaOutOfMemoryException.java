package dev.chronoscope.emulator.gpu;

/**
 * An allocation that does not fit: {@code cudaErrorMemoryAllocation}, with PyTorch's
 * "CUDA out of memory. Tried to allocate …" message so serving code and users see what they
 * would see on the real device. The failing call allocates nothing.
 */
public final class CudaOutOfMemoryException extends CudaException {
    private final long requestedBytes;
    private final long freeBytes;

    CudaOutOfMemoryException(long requestedBytes, long freeBytes, String message) {
        super(CudaError.cudaErrorMemoryAllocation, message);
        this.requestedBytes = requestedBytes;
        this.freeBytes = freeBytes;
    }

    public long requestedBytes() { return requestedBytes; }

    public long freeBytes() { return freeBytes; }
}
