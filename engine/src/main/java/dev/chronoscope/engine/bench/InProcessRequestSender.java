package dev.chronoscope.engine.bench;

import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.client.GenerationRequest;
import dev.chronoscope.engine.client.InvalidRequestException;
import dev.chronoscope.engine.client.TokenChunk;
import dev.chronoscope.engine.client.TokenStream;
import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.executor.SamplingParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends benchmark requests straight to an engine in this JVM, timing tokens by the engine's own
 * timestamps: the same load with no HTTP in between (what a load generator inside an emulation uses).
 */
public final class InProcessRequestSender implements RequestSender {
    private final EngineClient client;
    private final boolean ignoreEos;

    public InProcessRequestSender(EngineClient client, boolean ignoreEos) {
        this.client = client;
        this.ignoreEos = ignoreEos;
    }

    @Override
    public RequestOutcome send(BenchRequest request, long benchStartNanos) {
        long start = System.nanoTime();
        double startSeconds = (start - benchStartNanos) / 1e9;
        GenerationRequest generation = new GenerationRequest(request.prompt(), request.outputLen(), 0, ignoreEos,
                SamplingParams.GREEDY, 0);
        TokenStream stream;
        try {
            stream = client.generate(generation);
        } catch (InvalidRequestException e) {
            return RequestOutcome.failure(request.promptLen(), startSeconds, e.getMessage());
        }
        // Token times come from the engine's clock, so measure from the engine's own arrival stamp.
        long arrival = stream.arrivalNanos();
        StringBuilder text = new StringBuilder();
        List<Double> itl = new ArrayList<>();
        double ttft = 0;
        long last = arrival;
        int tokens = 0;
        TokenChunk chunk;
        try {
            while ((chunk = stream.next()) != null) {
                if (chunk.finishReason() == FinishReason.ERROR || chunk.finishReason() == FinishReason.ABORT) {
                    return RequestOutcome.failure(request.promptLen(), startSeconds,
                            chunk.error() != null ? chunk.error() : "request " + chunk.finishReason().apiName());
                }
                if (chunk.tokenId() >= 0) {
                    if (tokens == 0) {
                        ttft = (chunk.timeNanos() - arrival) / 1e9;
                    } else {
                        itl.add((chunk.timeNanos() - last) / 1e9);
                    }
                    last = chunk.timeNanos();
                    tokens++;
                }
                text.append(chunk.text());
            }
        } catch (InterruptedException e) {
            stream.cancel();
            Thread.currentThread().interrupt();
            return RequestOutcome.failure(request.promptLen(), startSeconds, "interrupted");
        }
        return new RequestOutcome(true, request.promptLen(), tokens, startSeconds, ttft, itl,
                (last - arrival) / 1e9, text.toString(), "");
    }
}
