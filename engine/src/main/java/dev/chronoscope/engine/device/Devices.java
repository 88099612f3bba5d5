package dev.chronoscope.engine.device;

import dev.chronoscope.engine.device.cpu.CpuDeviceRuntime;

/** Opens devices ({@code cudaSetDevice}): this build's devices are CPU devices with accounted memory. */
public final class Devices {
    private Devices() {}

    /** Device {@code ordinal} with {@code capacityBytes} of memory. */
    public static DeviceRuntime open(int ordinal, long capacityBytes) {
        return new CpuDeviceRuntime(ordinal, capacityBytes);
    }
}
