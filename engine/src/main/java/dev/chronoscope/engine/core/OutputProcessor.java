package dev.chronoscope.engine.core;

import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.core.request.Request;
import dev.chronoscope.engine.scheduler.TokenUpdate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what happened to requests into their stream outputs, the latency metrics and finished-request
 * events (vLLM's output processor). Outputs are held until {@link #deliver()}, which the engine calls after
 * a step's metrics and listeners, so a reader that sees a request end also sees metrics that include it.
 * Engine thread only.
 */
final class OutputProcessor {
    private final EngineMetrics metrics;
    private final Listeners listeners;
    private final Map<String, RequestStream> streams = new HashMap<>();
    private final List<Delivery> pending = new ArrayList<>();

    private record Delivery(RequestStream stream, RequestOutput output) {}

    OutputProcessor(EngineMetrics metrics, Listeners listeners) {
        this.metrics = metrics;
        this.listeners = listeners;
    }

    /** Opens a request's stream; false if a request with that id is still open. */
    boolean open(String requestId, RequestStream stream) {
        return streams.putIfAbsent(requestId, stream) == null;
    }

    boolean isOpen(String requestId) { return streams.containsKey(requestId); }

    Set<String> openRequestIds() { return Set.copyOf(streams.keySet()); }

    /** A new token (and maybe the end) of a request, at {@code now}. */
    void token(TokenUpdate update, long now) {
        Request request = update.request();
        long previous = request.lastTokenNanos();
        request.markTokenTime(now);
        metrics.recordToken();
        if (previous < 0) {
            metrics.recordFirstToken(seconds(now - request.arrivalNanos()), request.numPromptTokens());
        } else {
            metrics.recordInterTokenLatency(seconds(now - previous));
        }
        RequestStream stream = update.finished() ? streams.remove(request.id()) : streams.get(request.id());
        if (update.finished()) {
            finished(request, now);
        }
        pending.add(new Delivery(stream, new RequestOutput(update.tokenId(), now, update.finishReason(),
                request.numPromptTokens(), request.numOutputTokens(), Math.max(0, request.numCachedTokens()), null)));
    }

    /** The end of a request that did not end by itself; {@code request} is null when its state is lost. */
    void ended(String requestId, Request request, FinishReason reason, String error, long now) {
        RequestStream stream = streams.remove(requestId);
        if (stream == null) {
            return;
        }
        if (request != null) {
            finished(request, now);
        }
        pending.add(new Delivery(stream, new RequestOutput(-1, now, reason,
                request == null ? 0 : request.numPromptTokens(), request == null ? 0 : request.numOutputTokens(),
                request == null ? 0 : Math.max(0, request.numCachedTokens()), error)));
    }

    void deliver() {
        for (Delivery d : pending) {
            d.stream().emit(d.output());
        }
        pending.clear();
    }

    private void finished(Request request, long now) {
        metrics.recordFinished(request.finishReason(), seconds(now - request.arrivalNanos()));
        if (!listeners.isEmpty()) {
            RequestStats stats = new RequestStats(request.id(), request.finishReason(), request.numPromptTokens(),
                    request.numOutputTokens(), Math.max(0, request.numCachedTokens()), request.numPreemptions(),
                    request.arrivalNanos(), request.firstTokenNanos(), now);
            listeners.notify(l -> l.onRequestFinished(stats));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
