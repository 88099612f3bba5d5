package dev.chronoscope.emulator.gpu;

/** A failed device call, as the CUDA runtime would report it: an error name plus a message that says what was wrong. */
public class CudaException extends RuntimeException {
    private final CudaError error;

    public CudaException(CudaError error, String message) {
        super(message);
        this.error = error;
    }

    public CudaError error() { return error; }

    /** CUDA's name for the error, e.g. {@code cudaErrorMemoryAllocation} (what {@code cudaGetErrorName} returns). */
    public String errorName() { return error.name(); }
}
