package dev.chronoscope.engine.scheduler;

/** Order of the waiting queue and choice of preemption victim (vLLM's --scheduling-policy). */
public enum SchedulingPolicy {
    /** First come, first served; the last running request is preempted first. */
    FCFS,
    /** Lowest priority value first, then arrival; the running request with the highest value is preempted. */
    PRIORITY
}
