package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;

import java.util.List;

/** A fitted duration model of one kernel on one device. Immutable. */
public sealed interface KernelModel permits LinearModel, RooflineModel, TableModel {

    ModelForm form();

    /** Names of the (engineered or raw) features the model reads. */
    List<String> features();

    /** Predicted duration in nanoseconds, never negative, from {@link EngineeredFeatures}. */
    double predictNanos(Features engineered);
}
