package dev.chronoscope.engine.device;

/** A device-side failure; like a CUDA error it is sticky: later synchronising calls report it too. */
public class DeviceException extends RuntimeException {
    public DeviceException(String message) { super(message); }
    public DeviceException(String message, Throwable cause) { super(message, cause); }
}
