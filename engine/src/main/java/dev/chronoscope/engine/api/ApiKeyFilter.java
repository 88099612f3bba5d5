package dev.chronoscope.engine.api;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Requires {@code Authorization: Bearer <key>} on the /v1 routes, as vLLM's --api-key does. */
final class ApiKeyFilter extends Filter {
    private final byte[] expected;

    ApiKeyFilter(String apiKey) {
        this.expected = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison, so response timing does not leak how much of a guessed key was right.
        if (!MessageDigest.isEqual(expected, given)) {
            Exchanges.sendError(exchange, new ApiException(401, "AuthenticationError",
                    "Invalid or missing API key: send 'Authorization: Bearer <key>'.", null));
            return;
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "Bearer API key check";
    }
}
