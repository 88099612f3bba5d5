package dev.chronoscope.engine.device;

/** A captured sequence of device work, replayed with one call. */
public record Graph(int device, int id, int nodeCount) {}
