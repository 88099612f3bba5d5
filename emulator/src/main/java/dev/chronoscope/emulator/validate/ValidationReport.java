package dev.chronoscope.emulator.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a validation: the table printed to the user and {@code validation.json}, one entry
 * per (scenario, metric) with {@code real} (median of the real runs), {@code emulated} and {@code error_pct}.
 */
public record ValidationReport(List<ScenarioResult> scenarios, MachineState machine, int repeats, int niceness, double targetPct) {
    public static final String FILE = "validation.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ValidationReport {
        scenarios = List.copyOf(scenarios);
    }

    public List<Comparison> comparisons() {
        return scenarios.stream().flatMap(s -> s.comparisons().stream()).toList();
    }

    /** Mean CPU stall of the real runs over all scenarios, in percent; NaN when unknown. */
    public double meanCpuStallPct() {
        return scenarios.stream().flatMap(s -> s.conditions().stream()).mapToDouble(ScenarioResult.RunConditions::cpuStallPct)
                .average().orElse(Double.NaN);
    }

    /** Rows that carry the error target and miss it. */
    public List<Comparison> missed() {
        return comparisons().stream().filter(c -> c.missesTarget(targetPct)).toList();
    }

    /**
     * The table: one row per (scenario, metric). SPREAD is how much the real runs differed among
     * themselves; an error inside the spread is within reality's own noise. '!' marks a targeted
     * metric whose error exceeds the target.
     */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%-16s %-18s %12s %12s %9s %8s%n", "SCENARIO", "METRIC", "REAL MEDIAN",
                "EMULATED", "ERROR", "SPREAD"));
        for (Comparison c : comparisons()) {
            t.append(String.format(Locale.ROOT, "%-16s %-18s %12.2f %12.2f %9s %8s%s%n", c.scenario(),
                    c.metric().label() + " (" + c.metric().unit() + ")", c.realMedian(), c.emulated(),
                    signedPct(c.errorPct()), pct(c.realSpreadPct()), c.missesTarget(targetPct) ? " !" : ""));
        }
        return t.toString();
    }

    /** validation.json's content. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode m = root.putObject("machine");
        m.put("cores", machine.cores());
        m.put("cpu", machine.cpu());
        m.put("os", machine.os());
        m.put("java", machine.java());
        m.put("load_average_at_start", machine.loadAverageAtStart());
        root.put("real_run_niceness", niceness);
        root.put("real_runs_per_scenario", repeats);
        root.put("target_error_pct", targetPct);
        ArrayNode cases = root.putArray("scenarios");
        for (ScenarioResult s : scenarios) {
            ObjectNode n = cases.addObject();
            ValidationCase c = s.scenario();
            n.put("name", c.name());
            n.put("model", ValidationCase.MODEL);
            n.put("device", ValidationCase.DEVICE);
            n.put("tensor_parallel_size", c.tensorParallelSize());
            n.put("processes", c.processes());
            if (Double.isInfinite(c.requestRate())) n.put("request_rate", "inf");
            else n.put("request_rate", c.requestRate());
            n.put("warmup_requests", c.warmup());
            n.put("measured_start_s", c.measuredStart());
            n.put("num_prompts", c.numPrompts());
            n.put("input_len", c.inputLen());
            n.put("output_len", c.outputLen());
            n.put("time_mode", c.timeMode());
            ArrayNode runs = n.putArray("real_run_conditions");
            for (ScenarioResult.RunConditions rc : s.conditions()) {
                ObjectNode r = runs.addObject();
                r.put("load_average", rc.loadAverage());
                if (Double.isNaN(rc.cpuStallPct())) r.putNull("cpu_stall_pct");
                else r.put("cpu_stall_pct", rc.cpuStallPct());
            }
        }
        ArrayNode entries = root.putArray("entries");
        for (Comparison c : comparisons()) {
            ObjectNode e = entries.addObject();
            e.put("scenario", c.scenario());
            e.put("metric", c.metric().key());
            e.put("unit", c.metric().unit());
            e.put("real", c.realMedian());
            e.put("emulated", c.emulated());
            if (Double.isNaN(c.errorPct())) e.putNull("error_pct");
            else e.put("error_pct", c.errorPct());
            e.put("targeted", c.metric().targeted());
            ArrayNode runs = e.putArray("real_runs");
            c.realRuns().forEach(runs::add);
        }
        return root;
    }

    /** Writes validation.json into {@code dir} (a temporary file renamed into place: never half-written). */
    public Path write(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, FILE, ".tmp");
            JSON.writeValue(tmp.toFile(), toJson());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String signedPct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.1f%%", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
