package dev.chronoscope.emulator.models.store;

/** A (device, kernel) the store knows, with its sample and version counts and active version (0 when none). */
public record KernelEntry(String device, String kernel, int samples, int excluded, int versions, long activeVersion) {}
