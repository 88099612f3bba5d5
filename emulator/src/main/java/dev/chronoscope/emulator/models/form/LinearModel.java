package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;

import java.util.List;

/** duration = Σ coefficient·feature; the feature {@code "1"} is the intercept (fixed overhead). */
public record LinearModel(List<String> features, double[] coefficients) implements KernelModel {
    public LinearModel {
        features = List.copyOf(features);
        coefficients = coefficients.clone();
        if (features.size() != coefficients.length) {
            throw new IllegalArgumentException("linear model: " + features.size() + " features but " + coefficients.length + " coefficients");
        }
    }

    @Override public ModelForm form() { return ModelForm.LINEAR; }

    @Override public double predictNanos(Features engineered) {
        double sum = 0;
        for (int i = 0; i < coefficients.length; i++) sum += coefficients[i] * engineered.get(features.get(i), 0);
        return Math.max(0, sum);
    }

    @Override public double[] coefficients() { return coefficients.clone(); }
}
