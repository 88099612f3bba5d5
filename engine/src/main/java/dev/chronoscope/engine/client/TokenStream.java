package dev.chronoscope.engine.client;

import dev.chronoscope.engine.core.EngineTokenizer;
import dev.chronoscope.engine.core.RequestOutput;
import dev.chronoscope.engine.core.RequestStream;

/** A request's output as text chunks with timestamps; read it from one thread, until the finished chunk. */
public final class TokenStream {
    private final RequestStream stream;
    private final EngineTokenizer.IncrementalDecoder decoder;
    private final long arrivalNanos;
    private boolean done;

    TokenStream(RequestStream stream, EngineTokenizer.IncrementalDecoder decoder, long arrivalNanos) {
        this.stream = stream;
        this.decoder = decoder;
        this.arrivalNanos = arrivalNanos;
    }

    public String requestId() { return stream.requestId(); }

    /** When the request was submitted, System.nanoTime scale. */
    public long arrivalNanos() { return arrivalNanos; }

    /** The next chunk, blocking; null once the finished chunk has been returned. */
    public TokenChunk next() throws InterruptedException {
        if (done) {
            return null;
        }
        RequestOutput out = stream.take();
        String text = out.hasToken() ? decoder.append(out.tokenId()) : "";
        if (out.finished()) {
            text += decoder.finish();
            done = true;
        }
        return new TokenChunk(out.tokenId(), text, out.timeNanos(), out.finishReason(), out.numPromptTokens(),
                out.numOutputTokens(), out.numCachedTokens(), out.error());
    }

    /** Stops the request (a client that went away); the stream then ends with reason ABORT. */
    public void cancel() {
        if (!done) {
            stream.cancel();
        }
    }
}
