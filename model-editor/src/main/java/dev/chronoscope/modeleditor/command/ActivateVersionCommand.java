package dev.chronoscope.modeleditor.command;

/**
 * Makes a version the active one. Undo re-activates the version that was active before; when the
 * kernel had none (it ran on its roofline default) the store has no way back, so the command says
 * it cannot be undone.
 */
public final class ActivateVersionCommand implements EditCommand {
    private final ActivationTarget target;
    private final long versionId;
    private final long previousId;
    private final String label;

    /** @param previousId the version active before, or 0 when none was */
    public ActivateVersionCommand(ActivationTarget target, long versionId, long previousId, String label) {
        this.target = target;
        this.versionId = versionId;
        this.previousId = previousId;
        this.label = label;
    }

    @Override public String description() { return "Activate " + label; }

    @Override public void execute() { target.activateVersion(versionId); }

    /** Undo restores the version active before; when none was, the kernel goes back to its default. */
    @Override public void undo() {
        if (previousId == 0) target.deactivateKernelOf(versionId);
        else target.activateVersion(previousId);
    }
}
