package dev.chronoscope.engine.testing;

import dev.chronoscope.engine.executor.ModelExecutor;
import dev.chronoscope.engine.executor.ScheduledSequence;
import dev.chronoscope.engine.executor.StepInput;
import dev.chronoscope.engine.executor.StepOutput;
import dev.chronoscope.engine.model.ModelConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * TEST DOUBLE for {@link ModelExecutor}: no model, a scripted next token. The token after position p is
 * the letter 'a' + p % 26, except that a sequence whose last input token is '.' gets the end-of-sequence
 * token, and a step containing token 0 fails (to test failure handling). It checks what a real executor relies on (KV cache initialised, block tables covering every
 * position) and records every step for assertions.
 */
public final class ScriptedTestExecutor implements ModelExecutor {
    public static final int PERIOD = '.';

    private final ModelConfig config;
    private final int numKvBlocks;
    private final int eosTokenId;
    private final List<StepInput> steps = new CopyOnWriteArrayList<>();
    private volatile int blockSize;
    private volatile boolean closed;
    private volatile Semaphore gate;
    private final Semaphore entered = new Semaphore(0);

    public ScriptedTestExecutor(int maxModelLen, int numKvBlocks, int eosTokenId) {
        this.config = new ModelConfig("test-model", 64, 2, 4, 2, 128, 512, maxModelLen, 10000.0, 1e-5, false,
                "float32");
        this.numKvBlocks = numKvBlocks;
        this.eosTokenId = eosTokenId;
    }

    /** The token this executor samples after {@code position} positions, given the last input token. */
    public int tokenAfter(int position, int lastInputToken) {
        return lastInputToken == PERIOD ? eosTokenId : 'a' + position % 26;
    }

    @Override
    public ModelConfig config() { return config; }

    @Override
    public int profileNumKvBlocks(int blockSize, double gpuMemoryUtilization, int maxNumBatchedTokens) {
        return numKvBlocks;
    }

    @Override
    public void initializeKvCache(int numBlocks, int blockSize) {
        if (numBlocks > numKvBlocks) {
            throw new IllegalArgumentException("asked for " + numBlocks + " KV blocks, only " + numKvBlocks + " fit");
        }
        this.blockSize = blockSize;
    }

    @Override
    public StepOutput execute(StepInput input) {
        if (blockSize == 0 || closed) {
            throw new IllegalStateException("execute before initializeKvCache or after close");
        }
        entered.release();
        Semaphore g = gate;
        if (g != null) {
            g.acquireUninterruptibly();
        }
        steps.add(input);
        Map<String, Integer> sampled = new HashMap<>();
        for (ScheduledSequence s : input.sequences()) {
            int end = s.numComputedTokens() + s.tokenIds().length;
            if ((long) s.blockTable().length * blockSize < end) {
                throw new IllegalStateException(s.requestId() + ": " + s.blockTable().length + " blocks cannot hold "
                        + end + " positions");
            }
            for (int token : s.tokenIds()) {
                if (token == 0) {
                    throw new IllegalStateException("scripted failure: token 0 in " + s.requestId());
                }
            }
            if (s.sample()) {
                sampled.put(s.requestId(), tokenAfter(end, s.tokenIds()[s.tokenIds().length - 1]));
            }
        }
        return new StepOutput(input.stepIndex(), sampled);
    }

    public List<StepInput> steps() { return steps; }

    /** From now on each step first takes a permit from {@code permits}, so a test can hold the engine still. */
    public void gateSteps(Semaphore permits) {
        this.gate = permits;
    }

    /** Waits until the engine has entered {@code n} more steps (one permit per step entered). */
    public boolean awaitStepsEntered(int n, java.time.Duration bound) throws InterruptedException {
        return entered.tryAcquire(n, bound.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closed = true;
    }
}
