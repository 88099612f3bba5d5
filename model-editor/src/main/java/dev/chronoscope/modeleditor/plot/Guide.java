package dev.chronoscope.modeleditor.plot;

/** Reference marks behind the data: the y = x line with a relative band, or a horizontal line with a band. */
public sealed interface Guide {

    /** y = x, with a shaded band of ±{@code fraction} around it (a parity plot's ±10 %). */
    record Diagonal(double fraction) implements Guide {}

    /** y = {@code at}, with a shaded band from {@code low} to {@code high}. */
    record Horizontal(double at, double low, double high) implements Guide {}
}
