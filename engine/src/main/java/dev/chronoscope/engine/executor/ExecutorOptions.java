package dev.chronoscope.engine.executor;

import java.nio.file.Path;

/**
 * How to run a model.
 *
 * @param tensorParallelSize   ranks per pipeline stage
 * @param pipelineParallelSize pipeline stages
 * @param backend              {@code inproc} (ranks are threads) or {@code mp} (ranks are child JVMs over loopback TCP)
 * @param seed                 seed of the random weights (ignored when {@code weightsPath} is set)
 * @param dtype                overrides the config's {@code torch_dtype} ({@code float32}, {@code float16},
 *                             {@code bfloat16}); null keeps it
 * @param weightsPath          a .safetensors file or a directory of them; null for seeded random weights
 * @param deviceCapacityBytes  memory of each device
 * @param maxNumSeqs           most sequences per step (and the largest graph-captured decode batch)
 * @param maxModelLen          longest sequence (prompt + output) in tokens; 0 means the model's
 *                             {@code max_position_embeddings}
 * @param enforceEager         never capture or replay graphs
 */
public record ExecutorOptions(int tensorParallelSize, int pipelineParallelSize, String backend, long seed, String dtype,
                              Path weightsPath, long deviceCapacityBytes, int maxNumSeqs, int maxModelLen,
                              boolean enforceEager) {

    public static final String INPROC = "inproc";
    public static final String MP = "mp";

    public ExecutorOptions {
        if (tensorParallelSize < 1 || pipelineParallelSize < 1) throw new IllegalArgumentException("parallel sizes must be ≥ 1");
        if (!INPROC.equals(backend) && !MP.equals(backend)) {
            throw new IllegalArgumentException("backend must be 'inproc' or 'mp', got '" + backend + "'");
        }
        if (deviceCapacityBytes <= 0 || maxNumSeqs < 1 || maxModelLen < 0) {
            throw new IllegalArgumentException("capacity and max-num-seqs must be positive, max-model-len not negative");
        }
    }

    /** One in-process rank, seed 0, 512 MiB device, 256 sequences, the model's context length, graphs on. */
    public static ExecutorOptions defaults() {
        return new ExecutorOptions(1, 1, INPROC, 0, null, null, 512L << 20, 256, 0, false);
    }

    public ExecutorOptions withParallelism(int tp, int pp) {
        return new ExecutorOptions(tp, pp, backend, seed, dtype, weightsPath, deviceCapacityBytes, maxNumSeqs, maxModelLen, enforceEager);
    }

    public ExecutorOptions withBackend(String b) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, b, seed, dtype, weightsPath, deviceCapacityBytes,
                maxNumSeqs, maxModelLen, enforceEager);
    }

    public ExecutorOptions withSeed(long s) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, s, dtype, weightsPath, deviceCapacityBytes,
                maxNumSeqs, maxModelLen, enforceEager);
    }

    public ExecutorOptions withDtype(String d) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, d, weightsPath, deviceCapacityBytes,
                maxNumSeqs, maxModelLen, enforceEager);
    }

    public ExecutorOptions withWeights(Path p) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, p, deviceCapacityBytes,
                maxNumSeqs, maxModelLen, enforceEager);
    }

    public ExecutorOptions withDeviceCapacity(long bytes) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, weightsPath, bytes,
                maxNumSeqs, maxModelLen, enforceEager);
    }

    public ExecutorOptions withMaxNumSeqs(int n) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, weightsPath, deviceCapacityBytes,
                n, maxModelLen, enforceEager);
    }

    public ExecutorOptions withMaxModelLen(int tokens) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, weightsPath, deviceCapacityBytes,
                maxNumSeqs, tokens, enforceEager);
    }

    public ExecutorOptions withEnforceEager(boolean eager) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, weightsPath, deviceCapacityBytes,
                maxNumSeqs, maxModelLen, eager);
    }

    public int worldSize() { return tensorParallelSize * pipelineParallelSize; }
}
