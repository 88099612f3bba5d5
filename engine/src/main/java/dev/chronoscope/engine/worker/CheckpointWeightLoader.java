package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.device.Stream;
import dev.chronoscope.engine.model.Checkpoint;
import dev.chronoscope.engine.model.DeviceTensorSpec;
import dev.chronoscope.engine.model.TensorPiece;

/** Weights from a safetensors checkpoint: each device tensor is cut and transposed on the host, then copied once. */
public record CheckpointWeightLoader(Checkpoint checkpoint) implements WeightLoader {

    @Override
    public void load(DeviceTensorSpec spec, DevicePtr target, DeviceRuntime runtime, Stream stream) {
        float[] host = new float[Math.toIntExact(spec.elements())];
        for (TensorPiece p : spec.pieces()) {
            float[] source = checkpoint.read(p.hfName(), p.hfShape());
            for (int r = 0; r < spec.rows(); r++) {
                int dst = r * spec.cols() + p.colOffset();
                for (int c = 0; c < p.cols(); c++) host[dst + c] = source[(int) p.sourceIndex(r, c)];
            }
        }
        runtime.copyHostToDevice(host, 0, target, host.length, stream);
    }
}
