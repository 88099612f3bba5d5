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
 * @param enforceEager         never capture or replay graphs
 */
public record ExecutorOptions(int tensorParallelSize, int pipelineParallelSize, String backend, long seed, String dtype,
                              Path weightsPath, long deviceCapacityBytes, int maxNumSeqs, boolean enforceEager) {

    public static final String INPROC = "inproc";
    public static final String MP = "mp";

    public ExecutorOptions {
        if (tensorParallelSize < 1 || pipelineParallelSize < 1) throw new IllegalArgumentException("parallel sizes must be ≥ 1");
        if (!INPROC.equals(backend) && !MP.equals(backend)) {
            throw new IllegalArgumentException("backend must be 'inproc' or 'mp', got '" + backend + "'");
        }
        if (deviceCapacityBytes <= 0 || maxNumSeqs < 1) throw new IllegalArgumentException("capacity and max-num-seqs must be positive");
    }

    /** One in-process rank, seed 0, 512 MiB device, 256 sequences, graphs on. */
    public static ExecutorOptions defaults() {
        return new ExecutorOptions(1, 1, INPROC, 0, null, null, 512L << 20, 256, false);
    }

    public ExecutorOptions withParallelism(int tp, int pp) {
        return new ExecutorOptions(tp, pp, backend, seed, dtype, weightsPath, deviceCapacityBytes, maxNumSeqs, enforceEager);
    }

    public ExecutorOptions withBackend(String b) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, b, seed, dtype, weightsPath, deviceCapacityBytes, maxNumSeqs, enforceEager);
    }

    public ExecutorOptions withSeed(long s) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, s, dtype, weightsPath, deviceCapacityBytes, maxNumSeqs, enforceEager);
    }

    public ExecutorOptions withDtype(String d) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, d, weightsPath, deviceCapacityBytes, maxNumSeqs, enforceEager);
    }

    public ExecutorOptions withWeights(Path p) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, p, deviceCapacityBytes, maxNumSeqs, enforceEager);
    }

    public ExecutorOptions withDeviceCapacity(long bytes) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, weightsPath, bytes, maxNumSeqs, enforceEager);
    }

    public ExecutorOptions withMaxNumSeqs(int n) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, weightsPath, deviceCapacityBytes, n, enforceEager);
    }

    public ExecutorOptions withEnforceEager(boolean eager) {
        return new ExecutorOptions(tensorParallelSize, pipelineParallelSize, backend, seed, dtype, weightsPath, deviceCapacityBytes, maxNumSeqs, eager);
    }

    public int worldSize() { return tensorParallelSize * pipelineParallelSize; }
}
