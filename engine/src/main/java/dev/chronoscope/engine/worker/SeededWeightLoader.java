package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.device.FillSpec;
import dev.chronoscope.engine.device.Stream;
import dev.chronoscope.engine.device.CounterRng;
import dev.chronoscope.engine.model.DeviceTensorSpec;
import dev.chronoscope.engine.model.TensorPiece;

/**
 * Random weights generated on the device from a seed: each HuggingFace tensor has its own stream
 * (seed mixed with its name), so any sharding of the model holds the same values and no host
 * memory is needed however large the model.
 */
public record SeededWeightLoader(long seed) implements WeightLoader {

    @Override
    public void load(DeviceTensorSpec spec, DevicePtr target, DeviceRuntime runtime, Stream stream) {
        for (TensorPiece p : spec.pieces()) {
            if (p.isOnes()) {
                runtime.fill(target, new FillSpec.Constant(1f), stream);
            } else {
                runtime.fill(target, new FillSpec.SeededUniform(tensorSeed(seed, p.hfName()), p.initBound(), spec.rows(), p.cols(),
                        spec.cols(), p.colOffset(), p.rowStart(), p.rowStride(), p.colStart(), p.colStride()), stream);
            }
        }
    }

    /** The generator stream of one HuggingFace tensor: the model seed mixed with the tensor's name. */
    public static long tensorSeed(long seed, String hfName) {
        long h = CounterRng.mix(seed);
        for (int i = 0; i < hfName.length(); i++) h = CounterRng.mix(h ^ hfName.charAt(i));
        return h;
    }
}
