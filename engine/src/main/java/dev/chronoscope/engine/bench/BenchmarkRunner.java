package dev.chronoscope.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Sends a workload on time: each request leaves at its arrival time on its own virtual thread; with a
 * concurrency cap it then waits for a free slot, as vLLM bench's semaphore does, so arrivals are not
 * delayed by slow responses.
 */
public final class BenchmarkRunner {
    private final RequestSender sender;
    private final Integer maxConcurrency;

    /** @param maxConcurrency most requests in flight, or null for no limit */
    public BenchmarkRunner(RequestSender sender, Integer maxConcurrency) {
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new IllegalArgumentException("--max-concurrency must be at least 1, got " + maxConcurrency);
        }
        this.sender = sender;
        this.maxConcurrency = maxConcurrency;
    }

    /** Outcomes in request order, and the wall time from the first send to the last response. */
    public record Run(List<RequestOutcome> outcomes, double durationSeconds) {}

    public Run run(List<BenchRequest> requests) throws InterruptedException {
        Semaphore slots = maxConcurrency == null ? null : new Semaphore(maxConcurrency);
        List<Future<RequestOutcome>> futures = new ArrayList<>(requests.size());
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (BenchRequest request : requests) {
                long due = start + (long) (request.arrivalSeconds() * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // Pacing the arrival process; under emulation the agent turns this into virtual time.
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                futures.add(threads.submit(() -> sendWithin(slots, request, start)));
            }
            List<RequestOutcome> outcomes = new ArrayList<>(futures.size());
            for (Future<RequestOutcome> f : futures) {
                outcomes.add(f.get());
            }
            return new Run(outcomes, (System.nanoTime() - start) / 1e9);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a request sender failed unexpectedly", e.getCause());
        }
    }

    private RequestOutcome sendWithin(Semaphore slots, BenchRequest request, long start) throws InterruptedException {
        if (slots == null) {
            return sender.send(request, start);
        }
        slots.acquire();
        try {
            return sender.send(request, start);
        } finally {
            slots.release();
        }
    }
}
