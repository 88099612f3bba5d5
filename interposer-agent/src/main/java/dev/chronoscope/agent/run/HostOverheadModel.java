package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.TimeMode;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Host (CPU) time the engine's own code costs in modeled mode, where host code otherwise takes no
 * virtual time (DESIGN §6). A step costs what the models store calibrates for the device
 * ({@code host_step}, measured in situ by {@code chronoscope calibrate} for cpu-local) or, without
 * one, a documented constant: a scheduler step of a vLLM-V1-style engine costs a few hundred
 * microseconds of Python on the host. Accepting a request (tokenising, queueing) costs tens of
 * microseconds (a constant). Measured mode charges nothing: there the real CPU time of the engine's
 * threads counts.
 */
public final class HostOverheadModel {
    /** Scheduling, batch preparation and output processing of one engine step. */
    public static final long STEP_NANOS = 300_000;
    /** Accepting one request: validation, tokenisation, queueing. */
    public static final long REQUEST_NANOS = 50_000;

    private static volatile long stepNanos = STEP_NANOS;

    private HostOverheadModel() {}

    /** Charges the calibrated host work per step from now on, or the constant when there is none. */
    static void calibrate(OptionalLong calibratedStepNanos) { stepNanos = calibratedStepNanos.orElse(STEP_NANOS); }

    public static void chargeStep() { charge(stepNanos); }

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
