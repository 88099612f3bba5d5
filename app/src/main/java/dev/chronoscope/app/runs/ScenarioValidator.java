package dev.chronoscope.app.runs;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the editor's raw field values into a {@link Scenario}, or into one message per wrong field
 * saying what was expected. Nothing is launched from input with errors.
 */
public final class ScenarioValidator {
    public static final List<Integer> BLOCK_SIZES = List.of(8, 16, 32, 64, 128);
    /** What {@code emulate} generates without a file: random prompts (1024 tokens in, 128 out). */
    public static final List<String> DATASETS = List.of("random");
    public static final List<String> TIME_MODES = List.of("modeled", "measured");

    /** The outcome: a scenario when {@code errors} is empty. */
    public record Result(Scenario scenario, Map<ScenarioField, String> errors) {
        public boolean isValid() { return errors.isEmpty(); }
    }

    public Result validate(Map<ScenarioField, String> raw) {
        Map<ScenarioField, String> errors = new EnumMap<>(ScenarioField.class);
        Parser p = new Parser(raw, errors);
        String model = p.text(ScenarioField.MODEL);
        ModelPreset preset = null;
        if (model != null) {
            if (ModelPreset.ids().contains(model)) preset = ModelPreset.byId(model);
            else errors.put(ScenarioField.MODEL, "unknown model '" + model + "'; choose one of " + ModelPreset.ids());
        }
        String gpu = p.text(ScenarioField.GPU);
        if (gpu != null && !GpuPreset.ids().contains(gpu)) {
            errors.put(ScenarioField.GPU, "unknown GPU '" + gpu + "'; choose one of " + GpuPreset.ids());
        }
        int tp = p.integer(ScenarioField.TENSOR_PARALLEL, 1, 64);
        int pp = p.integer(ScenarioField.PIPELINE_PARALLEL, 1, 64);
        if (preset != null && tp > 0 && preset.attentionHeads() % tp != 0) {
            errors.put(ScenarioField.TENSOR_PARALLEL, "TP " + tp + " must divide the " + preset.attentionHeads()
                    + " attention heads of " + preset.id());
        }
        if (preset != null && pp > 0 && preset.layers() % pp != 0) {
            errors.put(ScenarioField.PIPELINE_PARALLEL, "PP " + pp + " must divide the " + preset.layers()
                    + " layers of " + preset.id());
        }
        int seqs = p.integer(ScenarioField.MAX_NUM_SEQS, 1, 65_536);
        int tokens = p.integer(ScenarioField.MAX_NUM_BATCHED_TOKENS, 1, 1 << 20);
        if (seqs > 0 && tokens > 0 && tokens < seqs) {
            errors.put(ScenarioField.MAX_NUM_BATCHED_TOKENS, "must be at least max num seqs (" + seqs + ")");
        }
        int block = p.integer(ScenarioField.BLOCK_SIZE, 1, 128);
        if (block > 0 && !BLOCK_SIZES.contains(block)) {
            errors.put(ScenarioField.BLOCK_SIZE, "expected one of " + BLOCK_SIZES + ", got " + block);
        }
        double util = p.decimal(ScenarioField.GPU_MEMORY_UTILIZATION);
        if (!Double.isNaN(util) && !(util > 0 && util <= 1)) {
            errors.put(ScenarioField.GPU_MEMORY_UTILIZATION, "expected a fraction in (0, 1], got " + raw.get(ScenarioField.GPU_MEMORY_UTILIZATION));
        }
        String dataset = p.text(ScenarioField.DATASET);
        double rate = "inf".equalsIgnoreCase(p.trimmed(ScenarioField.REQUEST_RATE)) ? Double.POSITIVE_INFINITY
                : p.decimal(ScenarioField.REQUEST_RATE);
        if (!Double.isNaN(rate) && !(rate > 0)) errors.put(ScenarioField.REQUEST_RATE, "expected a rate above 0 or 'inf'");
        double burst = p.decimal(ScenarioField.BURSTINESS);
        if (!Double.isNaN(burst) && !(burst > 0 && Double.isFinite(burst))) errors.put(ScenarioField.BURSTINESS, "expected a number above 0 (1 = Poisson)");
        int prompts = p.integer(ScenarioField.NUM_PROMPTS, 1, 10_000_000);
        long seed = p.longValue(ScenarioField.SEED);
        String mode = p.text(ScenarioField.TIME_MODE);
        if (mode != null && !TIME_MODES.contains(mode)) errors.put(ScenarioField.TIME_MODE, "expected one of " + TIME_MODES);
        int processes = p.integer(ScenarioField.PROCESSES, 1, 4096);
        if (processes > 0 && tp > 0 && pp > 0 && (tp * pp) % processes != 0) {
            errors.put(ScenarioField.PROCESSES, "must divide the " + tp * pp + " ranks (TP × PP)");
        }
        if (!errors.isEmpty()) return new Result(null, Map.copyOf(errors));
        return new Result(new Scenario(model, gpu, tp, pp, seqs, tokens, block, util,
                p.flag(ScenarioField.PREFIX_CACHING), p.flag(ScenarioField.CHUNKED_PREFILL), dataset, rate, burst,
                prompts, seed, mode, processes), Map.of());
    }

    /** The editor's field values for a scenario (the inverse of {@link #validate}). */
    public static Map<ScenarioField, String> fieldsOf(Scenario s) {
        Map<ScenarioField, String> m = new EnumMap<>(ScenarioField.class);
        m.put(ScenarioField.MODEL, s.model());
        m.put(ScenarioField.GPU, s.gpu());
        m.put(ScenarioField.TENSOR_PARALLEL, String.valueOf(s.tensorParallel()));
        m.put(ScenarioField.PIPELINE_PARALLEL, String.valueOf(s.pipelineParallel()));
        m.put(ScenarioField.MAX_NUM_SEQS, String.valueOf(s.maxNumSeqs()));
        m.put(ScenarioField.MAX_NUM_BATCHED_TOKENS, String.valueOf(s.maxNumBatchedTokens()));
        m.put(ScenarioField.BLOCK_SIZE, String.valueOf(s.blockSize()));
        m.put(ScenarioField.GPU_MEMORY_UTILIZATION, String.format(Locale.ROOT, "%s", s.gpuMemoryUtilization()));
        m.put(ScenarioField.PREFIX_CACHING, String.valueOf(s.prefixCaching()));
        m.put(ScenarioField.CHUNKED_PREFILL, String.valueOf(s.chunkedPrefill()));
        m.put(ScenarioField.DATASET, s.dataset());
        m.put(ScenarioField.REQUEST_RATE, Double.isInfinite(s.requestRate()) ? "inf" : String.format(Locale.ROOT, "%s", s.requestRate()));
        m.put(ScenarioField.BURSTINESS, String.format(Locale.ROOT, "%s", s.burstiness()));
        m.put(ScenarioField.NUM_PROMPTS, String.valueOf(s.numPrompts()));
        m.put(ScenarioField.SEED, String.valueOf(s.seed()));
        m.put(ScenarioField.TIME_MODE, s.timeMode());
        m.put(ScenarioField.PROCESSES, String.valueOf(s.processes()));
        return m;
    }

    /** Reads fields, recording a message for each one that is missing or malformed. */
    private record Parser(Map<ScenarioField, String> raw, Map<ScenarioField, String> errors) {

        String trimmed(ScenarioField f) {
            String v = raw.get(f);
            return v == null ? "" : v.trim();
        }

        String text(ScenarioField f) {
            String v = trimmed(f);
            if (v.isEmpty()) {
                errors.put(f, "required");
                return null;
            }
            return v;
        }

        int integer(ScenarioField f, int min, int max) {
            String v = trimmed(f);
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    errors.put(f, "expected a whole number from " + min + " to " + max + ", got " + n);
                    return -1;
                }
                return n;
            } catch (NumberFormatException e) {
                errors.put(f, v.isEmpty() ? "required" : "expected a whole number, got '" + v + "'");
                return -1;
            }
        }

        long longValue(ScenarioField f) {
            String v = trimmed(f);
            try {
                long n = Long.parseLong(v);
                if (n < 0) errors.put(f, "expected a number of 0 or more, got " + n);
                return n;
            } catch (NumberFormatException e) {
                errors.put(f, v.isEmpty() ? "required" : "expected a whole number, got '" + v + "'");
                return -1;
            }
        }

        double decimal(ScenarioField f) {
            String v = trimmed(f);
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) return d;
                errors.put(f, "expected a finite number, got '" + v + "'");
                return Double.NaN;
            } catch (NumberFormatException e) {
                errors.put(f, v.isEmpty() ? "required" : "expected a number, got '" + v + "'");
                return Double.NaN;
            }
        }

        boolean flag(ScenarioField f) {
            return Boolean.parseBoolean(trimmed(f));
        }
    }
}
