package dev.chronoscope.emulator.models.form;

import dev.chronoscope.emulator.models.Features;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpCostTest {
    private static final Features LLAMA3_8B_TP2 = Features.of("num_tokens", 100, "n_embd", 4096, "n_head", 32, "n_kv_head", 8,
            "n_expanded_embd", 14336, "vocab_size", 128256, "use_gated_mlp", 1, "tp", 2);

    @Test
    void gemmsSplitTheirOutputOrInputWidthAcrossTensorParallelRanks() {
        // QKV width per rank: (32 + 2·8) heads × 128 / 2 = 3072.
        OpCost qkv = OpCost.of("attn_pre_proj", LLAMA3_8B_TP2);
        assertThat(qkv.flops()).isEqualTo(2.0 * 100 * 4096 * 3072);
        assertThat(qkv.weightBytes()).isEqualTo(2.0 * 4096 * 3072);
        assertThat(qkv.bytes()).isEqualTo(2.0 * (100 * 4096 + 4096 * 3072 + 100 * 3072));
        assertThat(OpCost.of("mlp_up_proj", LLAMA3_8B_TP2).flops()).isEqualTo(2.0 * 100 * 4096 * (2 * 14336 / 2));
        assertThat(OpCost.of("mlp_down_proj", LLAMA3_8B_TP2).flops()).isEqualTo(2.0 * 100 * (14336 / 2) * 4096);
    }

    @Test
    void attentionWorkFollowsTheQueryKeyProducts() {
        Features prefill = Features.of("num_tokens", 512, "batch_size", 2, "kv_cache_size", 1024, "n_embd", 4096, "n_head", 32, "n_kv_head", 8, "tp", 1);
        Features explicit = Features.of("num_tokens", 512, "batch_size", 2, "sum_q_kv", 2 * 256 * (256 + 1024), "sum_kv", 512 + 2 * 1024,
                "n_embd", 4096, "n_head", 32, "n_kv_head", 8, "tp", 1);
        assertThat(OpCost.of("attn_prefill", prefill)).isEqualTo(OpCost.of("attn_prefill", explicit));
        assertThat(OpCost.of("attn_prefill", explicit).flops()).isEqualTo(4.0 * 2 * 256 * (256 + 1024) * 4096);
        OpCost decode = OpCost.of("attn_decode", Features.of("batch_size", 64, "sum_kv", 131072, "n_embd", 4096, "n_head", 32, "n_kv_head", 8, "tp", 1));
        assertThat(decode.bytes()).isEqualTo(2.0 * (2 * 64 * 4096 + 2 * 131072 * 1024));
    }

    @Test
    void ringCollectivesMoveTheirShareOfTheMessage() {
        assertThat(OpCost.of("all_reduce", Features.of("size", 1 << 20, "num_workers", 4)).linkBytes()).isEqualTo(1.5 * (1 << 20));
        assertThat(OpCost.of("all_gather", Features.of("size", 1 << 20, "num_workers", 4)).linkBytes()).isEqualTo(0.75 * (1 << 20));
        assertThat(OpCost.of("send_recv", Features.of("size", 1 << 20)).linkBytes()).isEqualTo(1 << 20);
    }
}
