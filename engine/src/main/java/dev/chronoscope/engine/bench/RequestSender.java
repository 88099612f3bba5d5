package dev.chronoscope.engine.bench;

/**
 * Sends one request and times it: over HTTP to any OpenAI-compatible server, or straight into an engine
 * in this process. Called concurrently from many threads; blocks until the response ends.
 */
public interface RequestSender {

    /** @param benchStartNanos the benchmark's start on the System.nanoTime scale */
    RequestOutcome send(BenchRequest request, long benchStartNanos);
}
