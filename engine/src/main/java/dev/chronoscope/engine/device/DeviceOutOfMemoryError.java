package dev.chronoscope.engine.device;

/** {@code cudaErrorMemoryAllocation}: the allocation does not fit in the device's free memory. */
public class DeviceOutOfMemoryError extends DeviceException {
    public DeviceOutOfMemoryError(String message) { super(message); }
}
