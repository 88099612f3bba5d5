package dev.chronoscope.modeleditor.command;

/** Whether one sample is left out of fits, and why. */
public record ExclusionState(boolean excluded, String reason) {
    public static final ExclusionState INCLUDED = new ExclusionState(false, null);

    public static ExclusionState excluded(String reason) { return new ExclusionState(true, reason); }
}
