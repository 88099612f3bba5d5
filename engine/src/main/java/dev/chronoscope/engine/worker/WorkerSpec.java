package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.Devices;
import dev.chronoscope.engine.model.Checkpoint;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.Sharding;

import java.nio.file.Path;

/**
 * Everything a rank needs to start, in a form that crosses a process boundary as JSON.
 *
 * @param weightsPath a safetensors file or directory, or null for seeded weights
 */
public record WorkerSpec(ModelConfig config, int tensorParallelSize, int pipelineParallelSize, long seed,
                         String weightsPath, long deviceCapacityBytes, RunnerOptions runner) {

    public int worldSize() { return tensorParallelSize * pipelineParallelSize; }

    /** World ranks of the tensor-parallel group (one pipeline stage) that {@code worldRank} belongs to. */
    public int[] tensorGroup(int worldRank) {
        int stage = worldRank / tensorParallelSize;
        int[] g = new int[tensorParallelSize];
        for (int t = 0; t < g.length; t++) g[t] = stage * tensorParallelSize + t;
        return g;
    }

    /** World ranks of the pipeline group (same tensor rank in every stage) of {@code worldRank}. */
    public int[] pipelineGroup(int worldRank) {
        int t = worldRank % tensorParallelSize;
        int[] g = new int[pipelineParallelSize];
        for (int p = 0; p < g.length; p++) g[p] = p * tensorParallelSize + t;
        return g;
    }

    /** Opens device {@code worldRank}, builds the rank's runner and loads its weights. */
    public ModelRunner startRank(int worldRank, CollectiveTransport tp, CollectiveTransport pp) {
        Sharding sharding = Sharding.ofWorldRank(tensorParallelSize, pipelineParallelSize, worldRank);
        ModelRunner runner = new ModelRunner(config, sharding, Devices.open(worldRank, deviceCapacityBytes), tp, pp, runner());
        try {
            runner.loadWeights(weightsPath == null ? new SeededWeightLoader(seed)
                    : new CheckpointWeightLoader(Checkpoint.open(Path.of(weightsPath))));
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }
}
