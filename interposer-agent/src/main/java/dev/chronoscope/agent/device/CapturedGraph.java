package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.gpu.KernelBatch;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.models.Features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A captured graph, ready to replay: runs of consecutive kernels become one {@link KernelBatch}
 * each (one lock, one clock read, predictions kept per node), collectives stay single calls
 * between them. Decode steps replay the same graph thousands of times, so everything that does not
 * depend on the replay's dynamic shape is worked out once, here.
 */
final class CapturedGraph {
    private final List<Part> parts = new ArrayList<>();
    private final int nodes;

    /** One run of kernels, or one collective. */
    private sealed interface Part {}

    private record Kernels(KernelBatch batch, KernelFeatures[] features) implements Part {}

    private record Collective(CapturedOp.Collective op) implements Part {}

    CapturedGraph(VirtualDevice device, List<CapturedOp> ops) {
        List<CapturedOp.Kernel> run = new ArrayList<>();
        for (CapturedOp op : ops) {
            switch (op) {
                case CapturedOp.Kernel k -> run.add(k);
                case CapturedOp.Collective c -> {
                    flush(device, run);
                    parts.add(new Collective(c));
                }
            }
        }
        flush(device, run);
        this.nodes = ops.size();
    }

    private void flush(VirtualDevice device, List<CapturedOp.Kernel> run) {
        if (run.isEmpty()) return;
        List<String> names = new ArrayList<>();
        List<Features> features = new ArrayList<>();
        KernelFeatures[] shapes = new KernelFeatures[run.size()];
        for (int i = 0; i < run.size(); i++) {
            names.add(run.get(i).name());
            shapes[i] = run.get(i).features();
            features.add(shapes[i].features());
        }
        parts.add(new Kernels(device.batch(names, features), shapes));
        run.clear();
    }

    int nodes() { return nodes; }

    /** Replays every node in capture order; {@code dynamicShape} replaces the shape arguments it names. */
    void replay(VirtualDevice device, VirtualStream stream, Map<String, Long> dynamicShape) {
        // instanceof rather than a pattern switch, which C1 (the engine JVM's compiler) turns into a method-handle call.
        for (Part part : parts) {
            if (part instanceof Kernels k) {
                KernelFeatures[] shapes = k.features();
                for (int i = 0; i < shapes.length; i++) k.batch().setFeatures(i, shapes[i].with(dynamicShape));
                device.launch(stream, k.batch());
            } else {
                ((Collective) part).op().replay(stream);
            }
        }
    }
}
