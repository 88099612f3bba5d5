package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.dist.InProcessGroup;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.worker.ModelRunner;
import dev.chronoscope.engine.worker.StepChecks;
import dev.chronoscope.engine.worker.StepResult;
import dev.chronoscope.engine.worker.WorkerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Ranks as threads of this process: each rank has a host thread (which launches its work) and its
 * own device with its own stream threads; collectives meet in {@link InProcessGroup}s.
 */
public final class InProcessExecutor implements ParallelExecutor {
    private final WorkerSpec spec;
    private final ExecutorService hosts;
    private final List<InProcessGroup> groups = new ArrayList<>();
    private ModelRunner[] runners;
    private volatile Throwable failure;
    private int blockSize;

    private InProcessExecutor(WorkerSpec spec) {
        this.spec = spec;
        int world = spec.worldSize();
        this.hosts = Executors.newFixedThreadPool(world, Thread.ofPlatform().daemon().name("rank-host-", 0).factory());
    }

    static InProcessExecutor start(WorkerSpec spec) {
        InProcessExecutor ex = new InProcessExecutor(spec);
        int tp = spec.tensorParallelSize(), pp = spec.pipelineParallelSize();
        InProcessGroup[] tpGroups = new InProcessGroup[pp], ppGroups = new InProcessGroup[tp];
        for (int p = 0; p < pp; p++) ex.groups.add(tpGroups[p] = new InProcessGroup(tp));
        for (int t = 0; t < tp; t++) ex.groups.add(ppGroups[t] = new InProcessGroup(pp));
        try {
            List<ModelRunner> started = ex.onAllRanks(rank ->
                    spec.startRank(rank, tpGroups[rank / tp].transport(rank % tp), ppGroups[rank % tp].transport(rank / tp)));
            ex.runners = started.toArray(ModelRunner[]::new);
        } catch (RuntimeException e) {
            ex.hosts.shutdownNow();
            throw e;
        }
        return ex;
    }

    /** Runs {@code task} for every world rank on its host thread; a failure aborts every collective group. */
    private <T> List<T> onAllRanks(IntFunction<T> task) {
        if (failure != null) throw new IllegalStateException("executor failed earlier: " + failure, failure);
        List<Future<T>> futures = new ArrayList<>();
        for (int r = 0; r < spec.worldSize(); r++) {
            int rank = r;
            futures.add(hosts.submit(() -> task.apply(rank)));
        }
        List<T> results = new ArrayList<>();
        RuntimeException error = null;
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = new IllegalStateException("interrupted while waiting for ranks", e);
                groups.forEach(InProcessGroup::abort);
            } catch (ExecutionException e) {
                if (error == null) {
                    error = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    failure = e.getCause();
                    groups.forEach(InProcessGroup::abort);
                }
                results.add(null);
            }
        }
        if (error != null) throw error;
        return results;
    }

    private <T> List<T> onRunners(Function<ModelRunner, T> task) { return onAllRanks(rank -> task.apply(runners[rank])); }

    @Override
    public ModelConfig config() { return spec.config(); }

    @Override
    public int profileNumKvBlocks(int blockSize, double gpuMemoryUtilization, int maxNumBatchedTokens) {
        return onRunners(r -> r.profileNumKvBlocks(blockSize, gpuMemoryUtilization, maxNumBatchedTokens))
                .stream().mapToInt(Integer::intValue).min().orElseThrow();
    }

    @Override
    public void initializeKvCache(int numBlocks, int blockSize) {
        this.blockSize = blockSize;
        onRunners(r -> { r.initializeKvCache(numBlocks, blockSize); return null; });
    }

    @Override
    public StepOutput execute(StepInput input) {
        return new StepOutput(input.stepIndex(), run(input, false).sampledTokens());
    }

    @Override
    public StepResult executeWithLogits(StepInput input) { return run(input, true); }

    private StepResult run(StepInput input, boolean logits) {
        StepChecks.check(input, spec.config(), blockSize, StepChecks.maxModelLen(spec.config(), spec.runner()));
        List<StepResult> results = onRunners(r -> r.execute(input, logits));
        for (int rank = 0; rank < runners.length; rank++) if (runners[rank].isDriver()) return results.get(rank);
        throw new IllegalStateException("no driver rank");
    }

    @Override
    public long[] weightBytesPerRank() {
        long[] bytes = new long[runners.length];
        for (int r = 0; r < runners.length; r++) bytes[r] = runners[r].weightBytes();
        return bytes;
    }

    @Override
    public void close() {
        if (runners != null) {
            try {
                if (failure == null) onRunners(r -> { r.synchronize(); return null; });
            } catch (RuntimeException e) {
                groups.forEach(InProcessGroup::abort);
            }
            for (ModelRunner r : runners) r.close();
            runners = null;
        }
        hosts.shutdownNow();
    }
}
