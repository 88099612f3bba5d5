package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;

/**
 * Work done by one kernel launch on one tensor-parallel rank, derived from its raw shape arguments
 * (bf16 activations and weights, 2 bytes per element).
 *
 * @param flops       floating-point operations
 * @param bytes       bytes read and written in device memory
 * @param weightBytes the share of {@code bytes} that is weights (read once whatever the token count)
 * @param rowElems    elements per token row (what one thread block walks when tokens are few)
 * @param tokens      tokens processed
 * @param linkBytes   bytes each rank sends over the interconnect (collectives)
 */
public record OpCost(double flops, double bytes, double weightBytes, double rowElems, double tokens, double linkBytes) {

    private static final double BF16 = 2;

    /** Raw feature names the engine passes; see docs/models.md. */
    public static final String TOKENS = "num_tokens", HIDDEN = "n_embd", HEADS = "n_head", KV_HEADS = "n_kv_head",
            INTERMEDIATE = "n_expanded_embd", VOCAB = "vocab_size", GATED = "use_gated_mlp", TP = "tp",
            BATCH = "batch_size", SUM_Q_KV = "sum_q_kv", SUM_KV = "sum_kv", SIZE = "size", WORKERS = "num_workers";

    public static OpCost of(String kernel, Features f) {
        double t = f.get(TOKENS, f.get(BATCH, 1));
        double h = f.get(HIDDEN, 0);
        double heads = Math.max(1, f.get(HEADS, 1));
        double kvHeads = f.get(KV_HEADS, heads);
        double headDim = h / heads;
        double inter = f.get(INTERMEDIATE, 0);
        double vocab = f.get(VOCAB, 0);
        double gate = f.get(GATED, 1) != 0 ? 2 : 1;
        double tp = Math.max(1, f.get(TP, 1));
        double qWidth = heads * headDim / tp, kvWidth = kvHeads * headDim / tp;
        return switch (kernel) {
            case "attn_pre_proj" -> gemm(t, h, qWidth + 2 * kvWidth);
            case "attn_post_proj" -> gemm(t, qWidth, h);
            case "mlp_up_proj" -> gemm(t, h, gate * inter / tp);
            case "mlp_down_proj" -> gemm(t, inter / tp, h);
            case "lm_head" -> gemm(t, h, vocab / tp);
            case "mlp_act" -> new OpCost(4 * t * inter / tp, BF16 * t * inter / tp * (gate + 1), 0, inter / tp, t, 0);
            case "input_layernorm", "post_attention_layernorm" -> new OpCost(4 * t * h, BF16 * (2 * t * h + h), BF16 * h, h, t, 0);
            case "add" -> new OpCost(t * h, BF16 * 3 * t * h, 0, h, t, 0);
            case "attn_rope" -> new OpCost(3 * t * (qWidth + kvWidth), BF16 * 2 * t * (qWidth + kvWidth), 0, qWidth + kvWidth, t, 0);
            case "emb" -> new OpCost(0, BF16 * 2 * t * h, 0, h, t, 0);
            case "attn_kv_cache_save" -> new OpCost(0, BF16 * 2 * 2 * t * kvWidth, 0, 2 * kvWidth, t, 0);
            case "sampler" -> new OpCost(5 * t * vocab / tp, 4 * 3 * t * vocab / tp, 0, vocab / tp, t, 0);
            case "attn_prefill" -> {
                // Σ q·kv over the batch; without it, each of the batch's sequences is an equal chunk over kv_cache_size cached tokens.
                double batch = Math.max(1, f.get(BATCH, 1));
                double sumQKv = f.get(SUM_Q_KV, t * (t / batch + f.get("kv_cache_size", 0)));
                double sumKv = f.get(SUM_KV, t + f.get(BATCH, 1) * f.get("kv_cache_size", 0));
                yield new OpCost(4 * sumQKv * qWidth, BF16 * (2 * t * qWidth + 2 * sumKv * kvWidth), 0, qWidth, t, 0);
            }
            case "attn_decode" -> {
                double batch = f.get(BATCH, t);
                double sumKv = f.get(SUM_KV, batch * f.get("kv_cache_size", 0));
                yield new OpCost(4 * sumKv * qWidth, BF16 * (2 * batch * qWidth + 2 * sumKv * kvWidth), 0, qWidth, batch, 0);
            }
            case "all_reduce", "all_gather", "send_recv" -> collective(kernel, f.get(SIZE, 0), Math.max(1, f.get(WORKERS, tp)));
            default -> new OpCost(0, 0, 0, 0, t, 0);
        };
    }

    private static OpCost gemm(double m, double k, double n) {
        return new OpCost(2 * m * k * n, BF16 * (m * k + k * n + m * n), BF16 * k * n, n, m, 0);
    }

    /** Ring algorithms: an all-reduce moves 2(n−1)/n of the message per rank, an all-gather (n−1)/n. */
    private static OpCost collective(String kernel, double size, double workers) {
        double share = switch (kernel) {
            case "all_reduce" -> 2 * (workers - 1) / workers;
            case "all_gather" -> (workers - 1) / workers;
            default -> 1;
        };
        return new OpCost(0, 0, 0, 0, 0, size * share);
    }
}
