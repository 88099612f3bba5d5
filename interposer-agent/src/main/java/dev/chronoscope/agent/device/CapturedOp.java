package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.gpu.Communicator;
import dev.chronoscope.emulator.gpu.VirtualStream;

/**
 * One node of a captured graph. The agent keeps graphs itself (instead of the virtual device's)
 * because a replay may update data-dependent shape arguments, as CUDA graph node parameters can be.
 */
sealed interface CapturedOp {

    /** A kernel as captured; a replay's dynamic shape replaces the arguments it names. */
    record Kernel(String name, KernelFeatures features) implements CapturedOp {}

    enum CollectiveKind { ALL_REDUCE, ALL_GATHER, SEND, RECV }

    /** A collective; {@code peer} is the other end's world rank for send and receive. */
    record Collective(Communicator communicator, CollectiveKind kind, long bytes, int peer) implements CapturedOp {
        void replay(VirtualStream stream) {
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
