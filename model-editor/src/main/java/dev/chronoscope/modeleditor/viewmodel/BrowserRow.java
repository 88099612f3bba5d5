package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.store.ModelVersion;

/**
 * One line of the model browser: a device, one of its kernels, or one version of a kernel.
 *
 * @param version      the version (for a kernel: its active one, null when it runs on the roofline default)
 * @param samplesUsed  samples the version was fitted on
 * @param samplesTotal samples of the kernel in the store now (excluded ones included)
 * @param status       what the user should know at a glance: "active", "roofline default", counts
 */
public record BrowserRow(Kind kind, String device, String kernel, ModelVersion version, int samplesUsed, int samplesTotal, String status) {

    public enum Kind { DEVICE, KERNEL, VERSION }

    public String name() {
        return switch (kind) {
            case DEVICE -> device;
            case KERNEL -> kernel;
            case VERSION -> "v" + version.id() + (version.parentId() != null ? " ← v" + version.parentId() : "");
        };
    }

    public KernelKey key() { return kernel == null ? null : new KernelKey(device, kernel); }

    /** True for a kernel that no fitted version answers: predictions use its roofline default. */
    public boolean rooflineOnly() { return kind == Kind.KERNEL && version == null; }
}
