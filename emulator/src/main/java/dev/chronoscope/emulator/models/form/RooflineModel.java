package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;

import java.util.List;

/** duration = overhead + max(flops/peak, bytes/bandwidth) / efficiency: "trained physics". */
public record RooflineModel(double efficiency, double overheadNanos) implements KernelModel {
    public RooflineModel {
        if (!(efficiency > 0)) throw new IllegalArgumentException("roofline efficiency must be positive, got " + efficiency);
        if (overheadNanos < 0) throw new IllegalArgumentException("roofline overhead must not be negative, got " + overheadNanos);
    }

    @Override public ModelForm form() { return ModelForm.ROOFLINE; }

    @Override public List<String> features() { return List.of(EngineeredFeatures.ROOFLINE_NS); }

    @Override public double predictNanos(Features engineered) {
        return overheadNanos + engineered.get(EngineeredFeatures.ROOFLINE_NS, 0) / efficiency;
    }
}
