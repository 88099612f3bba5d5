package dev.chronoscope.app.viewmodel;

/** A run as the user controls it. */
public enum RunState {
    LAUNCHING, RUNNING, PAUSED, FINISHED, STOPPED, FAILED;

    public boolean isLive() { return this == LAUNCHING || this == RUNNING || this == PAUSED; }
}
