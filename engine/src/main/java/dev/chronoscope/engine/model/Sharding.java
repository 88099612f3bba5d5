package dev.chronoscope.engine.model;

/**
 * Where one rank sits in a tensor × pipeline parallel deployment. World rank = ppRank · tp + tpRank.
 * Layers are split into contiguous stages, earlier stages taking one extra when they do not divide.
 */
public record Sharding(int tpSize, int ppSize, int tpRank, int ppRank) {

    public Sharding {
        if (tpSize < 1 || ppSize < 1 || tpRank < 0 || tpRank >= tpSize || ppRank < 0 || ppRank >= ppSize) {
            throw new IllegalArgumentException("invalid rank tp " + tpRank + "/" + tpSize + ", pp " + ppRank + "/" + ppSize);
        }
    }

    public static Sharding single() { return new Sharding(1, 1, 0, 0); }

    public static Sharding ofWorldRank(int tpSize, int ppSize, int worldRank) {
        return new Sharding(tpSize, ppSize, worldRank % tpSize, worldRank / tpSize);
    }

    public int worldRank() { return ppRank * tpSize + tpRank; }

    public int worldSize() { return tpSize * ppSize; }

    public boolean isFirstStage() { return ppRank == 0; }

    public boolean isLastStage() { return ppRank == ppSize - 1; }

    public int firstLayer(int numLayers) { return stageStart(numLayers, ppRank); }

    public int endLayer(int numLayers) { return stageStart(numLayers, ppRank + 1); }

    private int stageStart(int numLayers, int stage) {
        int base = numLayers / ppSize, extra = numLayers % ppSize;
        return stage * base + Math.min(stage, extra);
    }

    /** Checks that the model splits evenly over the tensor-parallel ranks and has a layer for every stage. */
    public void validateFor(ModelConfig c) {
        if (c.numAttentionHeads() % tpSize != 0) throw bad("num_attention_heads", c.numAttentionHeads());
        if (c.numKeyValueHeads() % tpSize != 0) throw bad("num_key_value_heads", c.numKeyValueHeads());
        if (c.intermediateSize() % tpSize != 0) throw bad("intermediate_size", c.intermediateSize());
        if (c.vocabSize() % tpSize != 0) throw bad("vocab_size", c.vocabSize());
        if (c.numHiddenLayers() < ppSize) {
            throw new ModelConfigException("pipeline parallel size " + ppSize + " exceeds num_hidden_layers " + c.numHiddenLayers());
        }
    }

    private ModelConfigException bad(String field, int value) {
        return new ModelConfigException("tensor parallel size " + tpSize + " does not divide " + field + " (" + value + ")");
    }
}
