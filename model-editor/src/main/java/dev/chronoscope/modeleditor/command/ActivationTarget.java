package dev.chronoscope.modeleditor.command;

/** What activation commands change: which version of a kernel predictions use. */
public interface ActivationTarget {
    void activateVersion(long versionId);
}
