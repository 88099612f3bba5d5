package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.device.Stream;
import dev.chronoscope.engine.model.DeviceTensorSpec;

/** Puts a rank's weights into its already allocated device tensors. */
public interface WeightLoader {
    void load(DeviceTensorSpec spec, DevicePtr target, DeviceRuntime runtime, Stream stream);
}
