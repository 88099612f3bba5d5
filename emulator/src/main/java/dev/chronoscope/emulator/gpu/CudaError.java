package dev.chronoscope.emulator.gpu;

/** The CUDA runtime errors a virtual device reports, with CUDA's names and numeric codes (cudaError_t). */
public enum CudaError {
    cudaErrorInvalidValue(1),
    cudaErrorMemoryAllocation(2),
    cudaErrorInvalidDevice(101),
    cudaErrorInvalidResourceHandle(400),
    cudaErrorIllegalState(401),
    cudaErrorNotReady(600),
    cudaErrorStreamCaptureUnsupported(900);

    private final int code;

    CudaError(int code) { this.code = code; }

    public int code() { return code; }
}
