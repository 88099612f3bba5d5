package dev.chronoscope.engine.core.request;

/** Where a request is in the engine. */
public enum RequestStatus {
    WAITING, RUNNING, PREEMPTED, FINISHED;
}
