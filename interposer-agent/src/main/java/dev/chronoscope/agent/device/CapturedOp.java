package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.gpu.Communicator;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.models.Features;

import java.util.Map;

/**
 * One node of a captured graph. The agent keeps graphs itself (instead of the virtual device's)
 * because a replay may update data-dependent shape arguments, as CUDA graph node parameters can be.
 */
sealed interface CapturedOp {

    void replay(VirtualDevice device, VirtualStream stream, Map<String, Long> dynamicShape);

    /** A kernel as captured; a replay's dynamic shape replaces the arguments it names. */
    final class Kernel implements CapturedOp {
        private final String name;
        private final KernelFeatures features;
        /** Replays name the same dynamic argument each time: its position is looked up once. */
        private String lastKey;
        private int lastIndex;

        Kernel(String name, KernelFeatures features) {
            this.name = name;
            this.features = features;
        }

        @Override
        public void replay(VirtualDevice device, VirtualStream stream, Map<String, Long> dynamicShape) {
            Features f = features.features();
            for (Map.Entry<String, Long> update : dynamicShape.entrySet()) {
                if (!update.getKey().equals(lastKey)) {
                    lastKey = update.getKey();
                    lastIndex = features.indexOf(lastKey);
                }
                if (lastIndex >= 0) f = features.with(lastIndex, update.getValue());
            }
            device.launch(stream, name, f);
        }
    }

    enum CollectiveKind { ALL_REDUCE, ALL_GATHER, SEND, RECV }

    /** A collective; {@code peer} is the other end's world rank for send and receive. */
    record Collective(Communicator communicator, CollectiveKind kind, long bytes, int peer) implements CapturedOp {
        @Override
        public void replay(VirtualDevice device, VirtualStream stream, Map<String, Long> dynamicShape) {
            issue(communicator, kind, bytes, peer, stream);
        }

        static void issue(Communicator communicator, CollectiveKind kind, long bytes, int peer, VirtualStream stream) {
            switch (kind) {
                case ALL_REDUCE -> communicator.allReduce(stream, bytes);
                case ALL_GATHER -> communicator.allGather(stream, bytes);
                case SEND -> communicator.send(stream, bytes, peer);
                case RECV -> communicator.recv(stream, bytes, peer);
            }
        }
    }
}
