package dev.chronoscope.engine.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One endpoint: exact path and allowed methods checked (the JDK server matches contexts by prefix), API
 * errors turned into OpenAI error bodies, and anything unexpected into a 500 that keeps the server up.
 */
final class Route implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(Route.class.getName());

    interface Endpoint {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final String path;
    private final Set<String> methods;
    private final Endpoint endpoint;

    Route(String path, Set<String> methods, Endpoint endpoint) {
        this.path = path;
        this.methods = methods;
        this.endpoint = endpoint;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                throw ApiException.notFound("No route for " + exchange.getRequestURI().getPath() + ".", null);
            }
            if (!methods.contains(exchange.getRequestMethod())) {
                throw new ApiException(405, "MethodNotAllowed", "Method " + exchange.getRequestMethod()
                        + " is not allowed on " + path + "; use " + String.join(" or ", methods) + ".", null);
            }
            endpoint.handle(exchange);
        } catch (ApiException e) {
            Exchanges.sendError(exchange, e);
        } catch (IOException e) {
            LOG.log(Level.FINE, "client connection lost on " + path, e);
            exchange.close();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "internal error on " + path, e);
            Exchanges.sendJson(exchange, 500, Exchanges.errorBody("Internal server error: " + e, "InternalServerError",
                    null, 500));
        }
    }
}
