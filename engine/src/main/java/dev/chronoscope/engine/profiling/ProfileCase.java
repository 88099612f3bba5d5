package dev.chronoscope.engine.profiling;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One row of a kernel profile: a kernel at one shape. The work is built only when the case is
 * measured, so a plan of hundreds of shapes holds no buffers until it runs.
 *
 * @param kernel   operator or collective name (DESIGN §8)
 * @param features the shape as sample-file feature columns ({@link SampleCsv})
 * @param work     builds the timed work
 */
public record ProfileCase(String kernel, Map<String, Long> features, Supplier<RepeatTimer.Timed> work) {
    public ProfileCase {
        features = Map.copyOf(features);
    }
}
