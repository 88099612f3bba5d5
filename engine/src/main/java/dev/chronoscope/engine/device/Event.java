package dev.chronoscope.engine.device;

/** A device event: marks a point in a stream's work to wait on, from the host or another stream. */
public record Event(int device, int id) {}
