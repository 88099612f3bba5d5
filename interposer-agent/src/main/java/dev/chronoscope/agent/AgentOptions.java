package dev.chronoscope.agent;

import dev.chronoscope.emulator.time.TimeMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent's options, {@code -javaagent:interposer-agent.jar=key=value,key=value}:
 * <pre>
 * gpu=h100-sxm        catalogue name of the virtual GPUs (required)
 * gpus=8              virtual GPUs in this process (default 1)
 * models=PATH         kernel-model SQLite store (default: the shipped defaults, in memory)
 * time=modeled        modeled | measured
 * run=DIR             run folder for the interposer stream and the agent's summary (default: none)
 * encoding=binary     stream file encoding: binary | ndjson
 * timeout=PT24H       real-time bound of the emulation (ISO-8601 duration)
 * main=CLASS          the main class whose main runs emulated (default: the JVM's main class)
 * coordinator=H:P     coordinator address (multi-process emulation), with token=T; or coordinator=env:
 *                     the launcher's CHRONOSCOPE_COORD_* environment variables (keeps the token off the command line)
 * live=PORT           also stream live to a subscriber on 127.0.0.1:PORT (the workbench)
 * control=PORT        obey pause/resume/step/stop from 127.0.0.1:PORT (token in CHRONOSCOPE_CONTROL_TOKEN)
 * </pre>
 */
public record AgentOptions(String gpu, int gpus, Path models, TimeMode timeMode, Path runDir, String encoding,
                           Duration timeout, String mainClass, String coordinator, String token,
                           int livePort, int controlPort) {

    private static final Set<String> KEYS = Set.of("gpu", "gpus", "models", "time", "run", "encoding", "timeout",
            "main", "coordinator", "token", "live", "control");

    public static AgentOptions parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) throw invalid("'" + part + "' is not key=value");
                String key = part.substring(0, eq).strip();
                if (!KEYS.contains(key)) throw invalid("unknown option '" + key + "'; known: " + KEYS);
                values.put(key, part.substring(eq + 1).strip());
            }
        }
        String gpu = values.get("gpu");
        if (gpu == null || gpu.isEmpty()) throw invalid("gpu=<catalogue name> is required");
        int gpus;
        try {
            gpus = Integer.parseInt(values.getOrDefault("gpus", "1"));
        } catch (NumberFormatException e) {
            throw invalid("gpus must be a whole number, got '" + values.get("gpus") + "'");
        }
        if (gpus < 1) throw invalid("gpus must be at least 1, got " + gpus);
        TimeMode mode = switch (values.getOrDefault("time", "modeled").toLowerCase(Locale.ROOT)) {
            case "modeled" -> TimeMode.MODELED;
            case "measured" -> TimeMode.MEASURED;
            default -> throw invalid("time must be modeled or measured, got '" + values.get("time") + "'");
        };
        String encoding = values.getOrDefault("encoding", "binary");
        if (!encoding.equals("binary") && !encoding.equals("ndjson")) {
            throw invalid("encoding must be binary or ndjson, got '" + encoding + "'");
        }
        Duration timeout;
        try {
            timeout = Duration.parse(values.getOrDefault("timeout", "PT24H"));
        } catch (RuntimeException e) {
            throw invalid("timeout must be an ISO-8601 duration such as PT10M, got '" + values.get("timeout") + "'");
        }
        boolean fromEnvironment = "env".equals(values.get("coordinator"));
        if (!fromEnvironment && values.containsKey("coordinator") != values.containsKey("token")) {
            throw invalid("coordinator and token go together (or coordinator=env)");
        }
        if (fromEnvironment && values.containsKey("token")) {
            throw invalid("coordinator=env reads the token from CHRONOSCOPE_COORD_TOKEN; do not also pass token=");
        }
        if (values.containsKey("coordinator") && !fromEnvironment && !values.get("coordinator").matches("[^:]+:\\d{1,5}")) {
            throw invalid("coordinator must be HOST:PORT or env, got '" + values.get("coordinator") + "'");
        }
        return new AgentOptions(gpu, gpus, values.containsKey("models") ? Path.of(values.get("models")) : null, mode,
                values.containsKey("run") ? Path.of(values.get("run")) : null, encoding, timeout, values.get("main"),
                values.get("coordinator"), values.get("token"), port(values, "live"), port(values, "control"));
    }

    /** A loopback port number, 0 when the option is absent. */
    private static int port(Map<String, String> values, String key) {
        String text = values.get(key);
        if (text == null) return 0;
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key + " must be a port number from 1 to 65535, got '" + text + "'");
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("chronoscope interposer agent options: " + why);
    }
}
