package dev.chronoscope.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.chronoscope.engine.client.EngineClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The OpenAI-compatible HTTP front end. Built on the JDK's own com.sun.net.httpserver: with one virtual
 * thread per exchange, a blocking handler per streaming request scales to thousands of open streams, and
 * the engine (the code under emulation) stays free of a web framework's threads and dependencies, which
 * keeps what the interposer agent has to follow small.
 */
public final class ApiServer implements AutoCloseable {
    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise (read once, when its config class
        // loads); with delayed ACKs that holds back small SSE frames by up to ~40 ms, which would show up as
        // fake inter-token latency. A user's explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private ApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static ApiServer start(EngineClient client, ApiServerConfig config) throws IOException {
        // A deep accept backlog: benchmark clients open hundreds of connections at once.
        HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        RequestParser parser = new RequestParser(client.modelName());
        ApiKeyFilter auth = config.apiKey() == null ? null : new ApiKeyFilter(config.apiKey());
        PrometheusFormatter prometheus = new PrometheusFormatter(client.modelName());
        long created = System.currentTimeMillis() / 1000;

        secured(server.createContext("/v1/completions", new Route("/v1/completions", Set.of("POST"),
                new GenerationEndpoint(client, ResponseShape.COMPLETION, parser::completion))), auth);
        secured(server.createContext("/v1/chat/completions", new Route("/v1/chat/completions", Set.of("POST"),
                new GenerationEndpoint(client, ResponseShape.CHAT, parser::chat))), auth);
        secured(server.createContext("/v1/models", new Route("/v1/models", Set.of("GET"),
                exchange -> Exchanges.sendJson(exchange, 200, models(client, created)))), auth);
        server.createContext("/health", new Route("/health", Set.of("GET"),
                exchange -> Exchanges.sendText(exchange, 200, "text/plain", "")));
        server.createContext("/metrics", new Route("/metrics", Set.of("GET"),
                exchange -> Exchanges.sendText(exchange, 200, PrometheusFormatter.CONTENT_TYPE,
                        prometheus.format(client.core().metrics()))));
        server.createContext("/", new Route("", Set.of(), exchange -> {}));
        server.start();
        return new ApiServer(server, executor);
    }

    private static void secured(HttpContext context, ApiKeyFilter auth) {
        if (auth != null) {
            context.getFilters().add(auth);
        }
    }

    private static ObjectNode models(EngineClient client, long created) {
        ObjectNode root = Exchanges.JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        ObjectNode model = data.addObject();
        model.put("id", client.modelName());
        model.put("object", "model");
        model.put("created", created);
        model.put("owned_by", "chronoscope");
        model.put("root", client.modelName());
        model.putNull("parent");
        model.put("max_model_len", client.maxModelLen());
        return root;
    }

    public int port() { return server.getAddress().getPort(); }

    public String host() { return server.getAddress().getHostString(); }

    /** Stops accepting, gives open exchanges a second to finish, and ends their threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
