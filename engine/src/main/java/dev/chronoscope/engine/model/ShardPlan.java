package dev.chronoscope.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The device tensors one rank holds, and how each is cut from HuggingFace tensors. Linear weights
 * are stored transposed (input-major). Column-parallel: fused q|k|v and gate|up, and the LM head
 * (by vocabulary); row-parallel: o_proj and down_proj; the embedding is vocabulary-parallel.
 */
public final class ShardPlan {
    private final ModelConfig c;
    private final Sharding s;
    private final List<DeviceTensorSpec> tensors = new ArrayList<>();

    private ShardPlan(ModelConfig config, Sharding sharding) {
        this.c = config;
        this.s = sharding;
    }

    public static List<DeviceTensorSpec> of(ModelConfig config, Sharding sharding) {
        sharding.validateFor(config);
        ShardPlan plan = new ShardPlan(config, sharding);
        plan.build();
        return List.copyOf(plan.tensors);
    }

    public static String layerKey(int layer, String part) { return "layer." + layer + "." + part; }

    private void build() {
        int h = c.hiddenSize(), hd = c.headDim(), tp = s.tpSize(), r = s.tpRank();
        int vocabLocal = c.vocabSize() / tp, vocabStart = r * vocabLocal;
        int qLocal = c.numAttentionHeads() / tp * hd, kvLocal = c.numKeyValueHeads() / tp * hd;
        int interLocal = c.intermediateSize() / tp;
        String embName = "model.embed_tokens.weight";
        long[] embShape = {c.vocabSize(), h};
        if (s.isFirstStage()) {
            add("embed", vocabLocal, h, new TensorPiece(embName, embShape, 1f, 0, h, vocabStart, h, 0, 1));
        }
        for (int layer = s.firstLayer(c.numHiddenLayers()); layer < s.endLayer(c.numHiddenLayers()); layer++) {
            String p = "model.layers." + layer + ".";
            add(layerKey(layer, "input_norm"), 1, h, ones(p + "input_layernorm.weight", h));
            int qkv = qLocal + 2 * kvLocal;
            add(layerKey(layer, "qkv"), h, qkv,
                    columnParallel(p + "self_attn.q_proj.weight", c.numAttentionHeads() * hd, h, r * qLocal, qLocal, 0),
                    columnParallel(p + "self_attn.k_proj.weight", c.numKeyValueHeads() * hd, h, r * kvLocal, kvLocal, qLocal),
                    columnParallel(p + "self_attn.v_proj.weight", c.numKeyValueHeads() * hd, h, r * kvLocal, kvLocal, qLocal + kvLocal));
            if (c.attentionBias()) {
                float bound = (float) (1 / Math.sqrt(h));
                add(layerKey(layer, "qkv_bias"), 1, qkv,
                        bias(p + "self_attn.q_proj.bias", c.numAttentionHeads() * hd, r * qLocal, qLocal, 0, bound),
                        bias(p + "self_attn.k_proj.bias", c.numKeyValueHeads() * hd, r * kvLocal, kvLocal, qLocal, bound),
                        bias(p + "self_attn.v_proj.bias", c.numKeyValueHeads() * hd, r * kvLocal, kvLocal, qLocal + kvLocal, bound));
            }
            add(layerKey(layer, "o"), qLocal, h, rowParallel(p + "self_attn.o_proj.weight", h, c.numAttentionHeads() * hd, r * qLocal));
            add(layerKey(layer, "post_norm"), 1, h, ones(p + "post_attention_layernorm.weight", h));
            add(layerKey(layer, "gate_up"), h, 2 * interLocal,
                    columnParallel(p + "mlp.gate_proj.weight", c.intermediateSize(), h, r * interLocal, interLocal, 0),
                    columnParallel(p + "mlp.up_proj.weight", c.intermediateSize(), h, r * interLocal, interLocal, interLocal));
            add(layerKey(layer, "down"), interLocal, h, rowParallel(p + "mlp.down_proj.weight", h, c.intermediateSize(), r * interLocal));
        }
        if (s.isLastStage()) {
            add("final_norm", 1, h, ones("model.norm.weight", h));
            String headName = c.tieWordEmbeddings() ? embName : "lm_head.weight";
            float bound = c.tieWordEmbeddings() ? 1f : (float) (1 / Math.sqrt(h));
            add("lm_head", h, vocabLocal, new TensorPiece(headName, embShape, bound, 0, vocabLocal, 0, 1, vocabStart, h));
        }
    }

    private void add(String key, int rows, int cols, TensorPiece... pieces) {
        tensors.add(new DeviceTensorSpec(key, rows, cols, List.of(pieces)));
    }

    private static TensorPiece ones(String name, int n) {
        return new TensorPiece(name, new long[]{n}, 0f, 0, n, 0, 0, 0, 1);
    }

    /** Output rows {@code [outStart, outStart+outLocal)} of an {@code out × in} weight, transposed. */
    private static TensorPiece columnParallel(String name, int out, int in, int outStart, int outLocal, int colOffset) {
        return new TensorPiece(name, new long[]{out, in}, (float) (1 / Math.sqrt(in)), colOffset, outLocal, 0, 1, outStart, in);
    }

    /** Input columns {@code [inStart, inStart+rows)} of an {@code out × in} weight, transposed. */
    private static TensorPiece rowParallel(String name, int out, int in, int inStart) {
        return new TensorPiece(name, new long[]{out, in}, (float) (1 / Math.sqrt(in)), 0, out, inStart, 1, 0, in);
    }

    private static TensorPiece bias(String name, int out, int outStart, int outLocal, int colOffset, float bound) {
        return new TensorPiece(name, new long[]{out}, bound, colOffset, outLocal, 0, 0, outStart, 1);
    }
}
