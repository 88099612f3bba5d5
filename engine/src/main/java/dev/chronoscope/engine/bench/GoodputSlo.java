package dev.chronoscope.engine.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Service-level objectives for goodput, in milliseconds ({@code --goodput ttft:500 tpot:50 e2el:2000}). */
public record GoodputSlo(Double ttftMs, Double tpotMs, Double e2elMs) {

    public static GoodputSlo parse(List<String> specs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = spec.split(":", 2);
            if (kv.length != 2 || !List.of("ttft", "tpot", "e2el").contains(kv[0])) {
                throw new IllegalArgumentException("--goodput takes KEY:MS pairs with KEY one of ttft, tpot, e2el;"
                        + " got '" + spec + "'");
            }
            double ms;
            try {
                ms = Double.parseDouble(kv[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--goodput " + kv[0] + ": '" + kv[1] + "' is not a number of ms");
            }
            if (!(ms > 0)) {
                throw new IllegalArgumentException("--goodput " + kv[0] + " must be positive, got " + kv[1]);
            }
            values.put(kv[0], ms);
        }
        return new GoodputSlo(values.get("ttft"), values.get("tpot"), values.get("e2el"));
    }

    /** Whether a request met every objective; times in seconds. */
    boolean met(double ttft, double tpot, double e2el) {
        return within(ttftMs, ttft) && within(tpotMs, tpot) && within(e2elMs, e2el);
    }

    private static boolean within(Double limitMs, double seconds) {
        return limitMs == null || seconds * 1000 <= limitMs;
    }

    /** vLLM's goodput config dict, for the saved result. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        if (ttftMs != null) map.put("ttft", ttftMs);
        if (tpotMs != null) map.put("tpot", tpotMs);
        if (e2elMs != null) map.put("e2el", e2elMs);
        return map;
    }
}
