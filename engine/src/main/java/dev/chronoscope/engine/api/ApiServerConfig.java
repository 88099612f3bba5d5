package dev.chronoscope.engine.api;

/**
 * Where and how the API listens.
 *
 * @param host   interface to bind; 127.0.0.1 unless the user asks otherwise
 * @param port   0 picks a free port
 * @param apiKey required Bearer key for /v1 routes, or null for none
 */
public record ApiServerConfig(String host, int port, String apiKey) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;

    public ApiServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
    }
}
