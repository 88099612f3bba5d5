package dev.chronoscope.engine.device;

import dev.chronoscope.engine.device.cpu.CpuDeviceRuntime;

/** Opens devices ({@code cudaSetDevice}): this build's devices are CPU devices with accounted memory. */
public final class Devices {
    private static volatile DeviceActivityListener activity;

    private Devices() {}

    /** Device {@code ordinal} with {@code capacityBytes} of memory. */
    public static DeviceRuntime open(int ordinal, long capacityBytes) {
        return new CpuDeviceRuntime(ordinal, capacityBytes, () -> activity);
    }

    /**
     * Reports the activity of every device of this process to {@code listener} from now on, or stops
     * with {@code null}: process-wide, as CUPTI's activity API is, so a profiler sees the devices the
     * engine opens itself.
     */
    public static void recordActivity(DeviceActivityListener listener) { activity = listener; }
}
