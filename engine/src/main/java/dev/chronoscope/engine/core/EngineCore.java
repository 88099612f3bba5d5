package dev.chronoscope.engine.core;

import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.core.request.GenerationParams;
import dev.chronoscope.engine.core.request.Request;
import dev.chronoscope.engine.executor.ModelExecutor;
import dev.chronoscope.engine.executor.ScheduledSequence;
import dev.chronoscope.engine.executor.StepInput;
import dev.chronoscope.engine.executor.StepOutput;
import dev.chronoscope.engine.kv.KvCacheManager;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.scheduler.ScheduledRequest;
import dev.chronoscope.engine.scheduler.Scheduler;
import dev.chronoscope.engine.scheduler.SchedulerConfig;
import dev.chronoscope.engine.scheduler.SchedulerOutput;
import dev.chronoscope.engine.scheduler.TokenUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's busy loop (vLLM's EngineCore) on its own thread: take new requests and aborts from the
 * intake queue, schedule a step, run it on the executor, append the sampled tokens, stream them to their
 * requests, and tell listeners what happened. Everything but the intake queue and the output streams is
 * confined to that thread, so the scheduler and KV manager need no locks.
 */
public final class EngineCore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EngineCore.class.getName());

    private final ModelExecutor executor;
    private final Scheduler scheduler;
    private final int maxModelLen;
    private final LongSupplier clock;
    private final EngineMetrics metrics = new EngineMetrics();
    private final Listeners listeners = new Listeners();
    private final OutputProcessor outputs = new OutputProcessor(metrics, listeners);
    private final BlockingQueue<Command> intake = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile RuntimeException failure;
    private long stepIndex;

    private sealed interface Command {}

    private record Add(Request request, RequestStream stream) implements Command {}

    private record Abort(String requestId) implements Command {}

    private record Stop() implements Command {}

    private EngineCore(ModelExecutor executor, Scheduler scheduler, LongSupplier clock) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.maxModelLen = scheduler.config().maxModelLen();
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("engine-core").unstarted(this::loop);
    }

    /** Sizes the KV cache by the executor's profiling pass, as vLLM does, and starts the step loop. */
    public static EngineCore start(ModelExecutor executor, EngineConfig config) {
        return start(executor, config, System::nanoTime);
    }

    public static EngineCore start(ModelExecutor executor, EngineConfig config, LongSupplier clock) {
        ModelConfig model = executor.config();
        if (config.maxModelLen() > model.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("max_model_len " + config.maxModelLen() + " exceeds the model's"
                    + " max_position_embeddings " + model.maxPositionEmbeddings());
        }
        SchedulerConfig schedulerConfig = config.schedulerConfig(model.maxPositionEmbeddings());
        int numBlocks = executor.profileNumKvBlocks(config.blockSize(), config.gpuMemoryUtilization(),
                schedulerConfig.maxNumBatchedTokens());
        long capacity = (long) numBlocks * config.blockSize();
        if (capacity < schedulerConfig.maxModelLen()) {
            throw new IllegalStateException("the KV cache holds " + numBlocks + " blocks of " + config.blockSize()
                    + " tokens (" + capacity + " tokens), fewer than max_model_len=" + schedulerConfig.maxModelLen()
                    + "; raise gpu_memory_utilization or lower max_model_len");
        }
        executor.initializeKvCache(numBlocks, config.blockSize());
        KvCacheManager kv = new KvCacheManager(numBlocks, config.blockSize(), config.enablePrefixCaching());
        EngineCore core = new EngineCore(executor, new Scheduler(schedulerConfig, kv), clock);
        core.metrics.recordState(0, 0, 0, 0, 0);
        core.thread.start();
        return core;
    }

    public ModelConfig modelConfig() { return executor.config(); }

    public int maxModelLen() { return maxModelLen; }

    public SchedulerConfig schedulerConfig() { return scheduler.config(); }

    public int numKvBlocks() { return scheduler.kvCache().numBlocks(); }

    public EngineMetrics metrics() { return metrics; }

    public long nanoTime() { return clock.getAsLong(); }

    /** Listeners are called on the engine thread between steps; see {@link EngineListener}. */
    public void addListener(EngineListener listener) { listeners.add(listener); }

    public void removeListener(EngineListener listener) { listeners.remove(listener); }

    /**
     * Queues a request. Its prompt plus {@code maxTokens} must fit in max_model_len; callers that face users
     * validate first and answer with a precise message, this check only guards the engine.
     */
    public RequestStream submit(String requestId, int[] promptTokenIds, GenerationParams params) {
        if (stopping) {
            throw new IllegalStateException(failure == null ? "the engine is shut down"
                    : "the engine stopped after an internal error: " + failure);
        }
        if (promptTokenIds.length + params.maxTokens() > maxModelLen) {
            throw new IllegalArgumentException("prompt (" + promptTokenIds.length + ") plus max_tokens ("
                    + params.maxTokens() + ") exceeds max_model_len " + maxModelLen);
        }
        Request request = new Request(requestId, promptTokenIds.clone(), params, clock.getAsLong());
        RequestStream stream = new RequestStream(requestId, this::abort);
        intake.add(new Add(request, stream));
        return stream;
    }

    public void abort(String requestId) {
        intake.add(new Abort(requestId));
    }

    /** Stops the loop; requests still in flight end with ABORT. Does not close the executor. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        intake.add(new Stop());
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            while (true) {
                if (!scheduler.hasUnfinished() && !handle(intake.take())) {
                    break;
                }
                if (!drainIntake()) {
                    break;
                }
                if (scheduler.hasUnfinished()) {
                    step();
                } else {
                    recordState();
                }
                outputs.deliver();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug in scheduling or bookkeeping: the state can no longer be trusted, so stop taking work
            // and fail what is in flight rather than leave its readers waiting forever.
            LOG.log(Level.SEVERE, "engine loop failed; the engine stops", e);
            stopping = true;
            failure = e;
        } finally {
            FinishReason reason = failure == null ? FinishReason.ABORT : FinishReason.ERROR;
            String message = failure == null ? null : "engine stopped: " + failure;
            for (String id : outputs.openRequestIds()) {
                finishQuietly(id, reason, message);
            }
            outputs.deliver();
        }
    }

    /** Like finish, for the loop's last words: bookkeeping may be broken, the reader must hear anyway. */
    private void finishQuietly(String requestId, FinishReason reason, String message) {
        try {
            finish(requestId, reason, message);
        } catch (RuntimeException e) {
            outputs.ended(requestId, null, FinishReason.ERROR, message, clock.getAsLong());
        }
    }

    private boolean drainIntake() {
        Command command;
        while ((command = intake.poll()) != null) {
            if (!handle(command)) {
                return false;
            }
        }
        return true;
    }

    /** Applies one intake command; false means stop. */
    private boolean handle(Command command) {
        switch (command) {
            case Add(Request request, RequestStream stream) -> {
                if (!outputs.open(request.id(), stream)) {
                    stream.emit(new RequestOutput(-1, clock.getAsLong(), FinishReason.ERROR,
                            request.numPromptTokens(), 0, 0, "request id " + request.id() + " is already running"));
                    return true;
                }
                scheduler.add(request);
                listeners.notify(l -> l.onRequestArrived(request.id(), request.numPromptTokens(), request.arrivalNanos()));
            }
            case Abort(String requestId) -> finish(requestId, FinishReason.ABORT, null);
            case Stop() -> {
                return false;
            }
        }
        return true;
    }

    private void step() {
        long start = clock.getAsLong();
        SchedulerOutput scheduled = scheduler.schedule();
        metrics.recordPreemptions(scheduled.preempted().size());
        if (scheduled.isEmpty()) {
            if (!scheduled.preempted().isEmpty()) {
                // Preempting freed blocks; the next schedule uses them (vLLM may also run such an empty step).
                return;
            }
            // Nothing fits and nothing can be freed (a badly sized cache): wait for an intake change.
            outputs.deliver();
            try {
                handle(intake.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long index = stepIndex++;
        List<ScheduledSequence> sequences = new ArrayList<>(scheduled.scheduled().size());
        for (ScheduledRequest s : scheduled.scheduled()) {
            sequences.add(s.toSequence());
        }
        List<String> finished = new ArrayList<>();
        try {
            StepOutput output = executor.execute(new StepInput(index, sequences));
            long now = clock.getAsLong();
            for (TokenUpdate update : scheduler.update(scheduled, output.sampledTokens())) {
                outputs.token(update, now);
                if (update.finished()) {
                    finished.add(update.request().id());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "engine step " + index + " failed; failing its requests", e);
            String message = "engine step failed: " + e;
            for (ScheduledRequest s : scheduled.scheduled()) {
                finish(s.request().id(), FinishReason.ERROR, message);
                finished.add(s.request().id());
            }
        }
        long end = clock.getAsLong();
        KvCacheManager kv = scheduler.kvCache();
        recordState();
        if (!listeners.isEmpty()) {
            StepReport report = report(index, start, end, scheduled, finished, kv);
            listeners.notify(l -> l.onStep(report));
        }
    }

    private StepReport report(long index, long start, long end, SchedulerOutput scheduled, List<String> finished,
                              KvCacheManager kv) {
        List<StepReport.BatchEntry> batch = new ArrayList<>(scheduled.scheduled().size());
        for (ScheduledRequest s : scheduled.scheduled()) {
            batch.add(new StepReport.BatchEntry(s.request().id(), s.numNewTokens(), s.numComputedBefore(),
                    s.isPrefill(), s.newlyScheduled(), s.numCachedTokens(), s.sample()));
        }
        List<String> preempted = scheduled.preempted().stream().map(Request::id).toList();
        return new StepReport(index, start, end, List.copyOf(batch), preempted, List.copyOf(finished),
                scheduler.numRunning(), scheduler.numWaiting(), kv.numBlocks() - kv.numFreeBlocks(),
                kv.numFreeBlocks(), kv.numBlocks());
    }

    /** Ends a request that did not end by itself (abort, executor failure). */
    private void finish(String requestId, FinishReason reason, String error) {
        if (outputs.isOpen(requestId)) {
            Request request = scheduler.finish(requestId, reason);
            outputs.ended(requestId, request, reason, error, clock.getAsLong());
        }
    }

    private void recordState() {
        KvCacheManager kv = scheduler.kvCache();
        metrics.recordState(scheduler.numRunning(), scheduler.numWaiting(), kv.usage(), kv.prefixQueryTokens(),
                kv.prefixHitTokens());
    }
}
