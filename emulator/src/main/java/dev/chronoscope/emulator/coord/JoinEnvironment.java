package dev.chronoscope.emulator.coord;

import java.util.Map;

/**
 * How a launcher tells a child process to join a coordinated run: five environment variables, so
 * that JVM, Python and native clients read the same thing.
 */
public record JoinEnvironment(String host, int port, String token, int clientId, String name) {

    public static final String HOST = "CHRONOSCOPE_COORD_HOST";
    public static final String PORT = "CHRONOSCOPE_COORD_PORT";
    public static final String TOKEN = "CHRONOSCOPE_COORD_TOKEN";
    public static final String ID = "CHRONOSCOPE_COORD_ID";
    public static final String NAME = "CHRONOSCOPE_COORD_NAME";

    public Map<String, String> toMap() {
        return Map.of(HOST, host, PORT, String.valueOf(port), TOKEN, token, ID, String.valueOf(clientId), NAME, name);
    }

    /** Reads the variables; a missing or malformed one is named in the exception. */
    public static JoinEnvironment from(Map<String, String> env) {
        return new JoinEnvironment(env.getOrDefault(HOST, "127.0.0.1"), number(env, PORT, 1, 65_535),
                required(env, TOKEN), number(env, ID, 0, Integer.MAX_VALUE), required(env, NAME));
    }

    private static String required(Map<String, String> env, String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set: this process "
                    + "was not started by a Chronoscope launcher that coordinates it");
        }
        return value;
    }

    private static int number(Map<String, String> env, String variable, int min, int max) {
        String value = required(env, variable);
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new IllegalArgumentException("environment variable " + variable + " must be an integer in "
                + min + ".." + max + ", got '" + value + "'");
    }
}
