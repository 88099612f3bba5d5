package dev.chronoscope.app.runs;

/** Where a request is in its life, as the Requests view colours it. */
public enum RequestState { WAITING, PREFILL, DECODE, PREEMPTED, FINISHED }
