package dev.chronoscope.engine.device;

/** A collective-communication group member, as {@code ncclComm_t}: this device is {@code rank} of {@code size}. */
public record Communicator(int device, int id, int rank, int size) {}
