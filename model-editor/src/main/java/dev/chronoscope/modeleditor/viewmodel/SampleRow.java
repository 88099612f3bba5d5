package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.modeleditor.command.ExclusionState;

/**
 * A stored sample as the editor shows it: its raw launch features, the engineered features the
 * models read (derived once on load), the measured duration, and whether fits leave it out.
 */
public record SampleRow(long id, Features raw, Features engineered, double nanos, String source, boolean excluded, String reason) {

    public ExclusionState exclusion() { return new ExclusionState(excluded, reason); }

    public SampleRow with(ExclusionState s) { return new SampleRow(id, raw, engineered, nanos, source, s.excluded(), s.reason()); }

    /** A feature's value, raw or engineered; NaN when the sample has neither. */
    public double feature(String name) {
        if (raw.has(name)) return raw.get(name, Double.NaN);
        return engineered.get(name, Double.NaN);
    }
}
