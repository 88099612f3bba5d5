package dev.chronoscope.engine.model;

/**
 * A Llama-family decoder's architecture, as read from a HuggingFace config.json or a preset.
 * (Fields may grow; keep names close to HuggingFace's.)
 *
 * @param ropeScaling   HuggingFace {@code rope_scaling}; {@link RopeScaling#NONE} when absent
 * @param attentionBias whether q/k/v projections carry a bias (Qwen2 does)
 */
public record ModelConfig(
        String name,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int intermediateSize,
        int vocabSize,
        int maxPositionEmbeddings,
        double ropeTheta,
        double rmsNormEps,
        boolean tieWordEmbeddings,
        String torchDtype,
        RopeScaling ropeScaling,
        boolean attentionBias) {

    public ModelConfig {
        if (ropeScaling == null) ropeScaling = RopeScaling.NONE;
    }

    /** The original contract's constructor: no rope scaling, no attention bias. */
    public ModelConfig(String name, int hiddenSize, int numHiddenLayers, int numAttentionHeads, int numKeyValueHeads,
                       int intermediateSize, int vocabSize, int maxPositionEmbeddings, double ropeTheta,
                       double rmsNormEps, boolean tieWordEmbeddings, String torchDtype) {
        this(name, hiddenSize, numHiddenLayers, numAttentionHeads, numKeyValueHeads, intermediateSize, vocabSize,
                maxPositionEmbeddings, ropeTheta, rmsNormEps, tieWordEmbeddings, torchDtype, RopeScaling.NONE, false);
    }

    public int headDim() { return hiddenSize / numAttentionHeads; }

    /** Bytes per parameter for the configured dtype (2 for bf16/fp16, 4 for fp32). */
    public int bytesPerParam() { return "float32".equals(torchDtype) ? 4 : 2; }

    /** Parameters of the whole model (embedding, layers, final norm, LM head unless tied). */
    public long parameterCount() {
        long h = hiddenSize, hd = headDim();
        long attn = h * (numAttentionHeads * hd) + 2 * h * (numKeyValueHeads * hd) + (numAttentionHeads * hd) * h;
        long bias = attentionBias ? (numAttentionHeads + 2L * numKeyValueHeads) * hd : 0;
        long mlp = 3 * h * intermediateSize;
        long layer = attn + bias + mlp + 2 * h;
        long emb = (long) vocabSize * h;
        return emb + numHiddenLayers * layer + h + (tieWordEmbeddings ? 0 : emb);
    }

    public ModelConfig withTorchDtype(String dtype) {
        return new ModelConfig(name, hiddenSize, numHiddenLayers, numAttentionHeads, numKeyValueHeads,
                intermediateSize, vocabSize, maxPositionEmbeddings, ropeTheta, rmsNormEps, tieWordEmbeddings,
                dtype, ropeScaling, attentionBias);
    }

    public ModelConfig withName(String newName) {
        return new ModelConfig(newName, hiddenSize, numHiddenLayers, numAttentionHeads, numKeyValueHeads,
                intermediateSize, vocabSize, maxPositionEmbeddings, ropeTheta, rmsNormEps, tieWordEmbeddings,
                torchDtype, ropeScaling, attentionBias);
    }
}
