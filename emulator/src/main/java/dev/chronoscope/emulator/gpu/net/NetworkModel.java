package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.models.Prediction;

/**
 * Predicts how long a collective lasts once every rank has arrived. {@code bytes} follows NCCL's
 * convention: the buffer size of an all-reduce, the gathered (output) size of an all-gather, the
 * message size of a send/recv.
 */
public interface NetworkModel {

    Prediction predict(CollectiveOp op, long bytes, GroupLayout layout);
}
