package dev.chronoscope.engine.core;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The consumer's end of one request: its outputs in order, the last one finished. Any thread may read it;
 * the engine thread never blocks on it.
 */
public final class RequestStream {
    private final String requestId;
    private final BlockingQueue<RequestOutput> outputs = new LinkedBlockingQueue<>();
    private final Consumer<String> canceller;

    RequestStream(String requestId, Consumer<String> canceller) {
        this.requestId = requestId;
        this.canceller = canceller;
    }

    public String requestId() { return requestId; }

    /** The next output, waiting as long as it takes. */
    public RequestOutput take() throws InterruptedException {
        return outputs.take();
    }

    /** The next output, or null if none came within {@code timeout}. */
    public RequestOutput poll(Duration timeout) throws InterruptedException {
        return outputs.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Asks the engine to stop this request; a last output with reason ABORT follows unless it already ended. */
    public void cancel() {
        canceller.accept(requestId);
    }

    void emit(RequestOutput output) {
        outputs.add(output);
    }
}
