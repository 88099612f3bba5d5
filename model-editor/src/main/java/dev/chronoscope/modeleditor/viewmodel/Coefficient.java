package dev.chronoscope.modeleditor.viewmodel;

/** One parameter of a model as the coefficient editor lists it; table knots are shown, not edited. */
public record Coefficient(String name, double value, boolean editable) {}
