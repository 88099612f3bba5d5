package dev.chronoscope.emulator.coord;

/** How the coordinator lets blocked processes run once global virtual time may advance. */
public enum AdvanceMode {
    /**
     * Exactly one process runs at a time: the blocked one with the smallest (wake-up, client id).
     * Given launcher-assigned ids, the grant sequence depends only on what the processes report, never
     * on real-time races, so a scenario replays identically.
     */
    DETERMINISTIC,
    /**
     * Every process whose wake-up equals the minimum runs at once. Faster on several cores; the order
     * in which those processes interact within one instant is then up to the operating system.
     */
    PARALLEL
}
