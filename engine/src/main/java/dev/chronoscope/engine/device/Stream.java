package dev.chronoscope.engine.device;

/** A device stream: work on one stream runs in order; work on different streams may overlap. */
public record Stream(int device, int id) {}
