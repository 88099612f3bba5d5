package dev.chronoscope.emulator.time;

/** How host (CPU) code advances virtual time; see docs/time.md. */
public enum TimeMode {
    /**
     * Host code takes no virtual time except what {@link Emulation#charge(long)} charges; emulated
     * threads run one at a time. Deterministic.
     */
    MODELED,
    /**
     * The real CPU time an emulated thread spends advances that thread's virtual time, as if every
     * emulated thread had a core of its own. Not deterministic.
     */
    MEASURED
}
