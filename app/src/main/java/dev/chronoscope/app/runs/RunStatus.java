package dev.chronoscope.app.runs;

/** What a run's event stream says about it. */
public enum RunStatus { WAITING_FOR_EVENTS, RUNNING, FINISHED, FAILED }
