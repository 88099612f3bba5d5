package dev.chronoscope.engine.model;

/**
 * A Llama-family decoder's architecture, as read from a HuggingFace config.json or a preset.
 * (Fields may grow; keep names close to HuggingFace's.)
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
        String torchDtype) {

    public int headDim() { return hiddenSize / numAttentionHeads; }

    /** Bytes per parameter for the configured dtype (2 for bf16/fp16, 4 for fp32). */
    public int bytesPerParam() { return "float32".equals(torchDtype) ? 4 : 2; }
}
