package dev.chronoscope.app.models;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code chronoscope calibrate}'s console lines as progress: {@code profiling N shapes (…)}
 * starts a profiler, {@code [ 37/412] mlp_up_proj num_tokens=512 …  ETA 3:10} is one measured
 * shape, {@code fitting N kernel models...} follows the last one (docs/calibration.md).
 *
 * @param fraction done in [0, 1], or negative when the step's length is unknown
 * @param message  what the line says, spaces collapsed
 */
record CalibrationProgress(double fraction, String message) {
    private static final Pattern SHAPE = Pattern.compile("^\\[\\s*(\\d+)/(\\d+)]\\s+(.*)$");
    private static final Pattern PLAN = Pattern.compile("^profiling \\d+ shapes\\b.*");
    private static final Pattern FITTING = Pattern.compile("^fitting \\d+ kernel models.*");

    /** The progress a line reports; empty for the other lines (the summary, warnings). */
    static Optional<CalibrationProgress> parse(String line) {
        String text = line.strip();
        Matcher shape = SHAPE.matcher(text);
        if (shape.matches()) {
            long done = Long.parseLong(shape.group(1));
            long total = Long.parseLong(shape.group(2));
            if (total <= 0 || done > total) return Optional.empty();
            return Optional.of(new CalibrationProgress((double) done / total, done + "/" + total + " " + collapse(shape.group(3))));
        }
        if (PLAN.matcher(text).matches()) return Optional.of(new CalibrationProgress(0, collapse(text)));
        if (FITTING.matcher(text).matches()) return Optional.of(new CalibrationProgress(-1, collapse(text)));
        return Optional.empty();
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
