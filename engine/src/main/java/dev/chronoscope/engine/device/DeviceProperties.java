package dev.chronoscope.engine.device;

/** What {@code cudaGetDeviceProperties} answers, reduced to what the engine uses. */
public record DeviceProperties(String name, int ordinal, long totalMemoryBytes, int multiProcessorCount) {}
