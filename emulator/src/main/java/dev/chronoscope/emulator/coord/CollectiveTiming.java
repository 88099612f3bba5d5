package dev.chronoscope.emulator.coord;

/** When a collective ran: it starts at the last arrival and ends after the cost model's duration. */
public record CollectiveTiming(long startNanos, long endNanos) {}
