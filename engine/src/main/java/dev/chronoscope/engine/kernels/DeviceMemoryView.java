package dev.chronoscope.engine.kernels;

import dev.chronoscope.engine.device.DevicePtr;

/** How a kernel reaches the storage behind device pointers (element offsets are the pointer's). */
public interface DeviceMemoryView {
    float[] floats(DevicePtr ptr);

    int[] ints(DevicePtr ptr);

    long[] longs(DevicePtr ptr);
}
