package dev.chronoscope.emulator.models.fit;

import java.util.Locale;

/** Least-squares variants for linear forms. */
public enum Solver {
    /** Ordinary least squares. */
    OLS,
    /** Non-negative least squares: every coefficient ≥ 0, so no term can predict negative time. */
    NNLS,
    /** Ridge regression: shrinks coefficients of near-collinear features. */
    RIDGE;

    public static Solver parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown solver '" + s + "'; expected ols, nnls or ridge");
        }
    }
}
