package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.TimeMode;

import java.util.Optional;

/**
 * Host (CPU) time the engine's own code costs in modeled mode, where host code otherwise takes no
 * virtual time (DESIGN §6). These are documented constants, not calibrated models yet: a scheduler
 * step of a vLLM-V1-style engine costs a few hundred microseconds of Python on the host, and
 * accepting a request (tokenising, queueing) tens of microseconds. Measured mode charges nothing:
 * there the real CPU time of the engine's threads counts.
 */
public final class HostOverheadModel {
    /** Scheduling, batch preparation and output processing of one engine step. */
    public static final long STEP_NANOS = 300_000;
    /** Accepting one request: validation, tokenisation, queueing. */
    public static final long REQUEST_NANOS = 50_000;

    private HostOverheadModel() {}

    public static void chargeStep() { charge(STEP_NANOS); }

    public static void chargeRequest() { charge(REQUEST_NANOS); }

    private static void charge(long nanos) {
        Optional<Emulation> emulation = Emulation.current();
        if (emulation.isEmpty() || emulation.get().mode() != TimeMode.MODELED) return;
        try {
            emulation.get().charge(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
