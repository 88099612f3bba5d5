package dev.chronoscope.app.runs;

/** A registered rank: which virtual GPU it is. */
public record RankInfo(int rank, int processId, String deviceType, long memoryCapacityBytes) {}
