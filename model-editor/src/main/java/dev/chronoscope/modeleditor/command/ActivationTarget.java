package dev.chronoscope.modeleditor.command;

/** What activation commands change: which version of a kernel predictions use. */
public interface ActivationTarget {
    void activateVersion(long versionId);

    /** Leaves the kernel of {@code versionId} with no active version: back on its roofline default. */
    void deactivateKernelOf(long versionId);
}
