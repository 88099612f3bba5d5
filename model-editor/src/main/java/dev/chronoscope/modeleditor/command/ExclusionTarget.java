package dev.chronoscope.modeleditor.command;

import java.util.Map;

/** What exclusion commands change: the included/excluded state of samples, by sample id. */
public interface ExclusionTarget {
    void applyExclusions(Map<Long, ExclusionState> states);
}
