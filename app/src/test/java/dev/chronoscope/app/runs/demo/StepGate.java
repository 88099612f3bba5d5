package dev.chronoscope.app.runs.demo;

/** Asked by the synthetic feed before every engine step: may it run, and when. */
@FunctionalInterface
public interface StepGate {

    /** Blocks until the next step may run; false ends the run. */
    boolean awaitStep(long virtualNanos) throws InterruptedException;

    StepGate FREE_RUNNING = t -> true;
}
