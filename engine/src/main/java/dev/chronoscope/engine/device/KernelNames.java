package dev.chronoscope.engine.device;

import java.util.List;

/** Operator and collective names of DESIGN §8 (Vidur's), and the shape-argument names kernels use. */
public final class KernelNames {
    public static final String EMB = "emb";
    public static final String INPUT_LAYERNORM = "input_layernorm";
    public static final String ATTN_PRE_PROJ = "attn_pre_proj";
    public static final String ATTN_ROPE = "attn_rope";
    public static final String ATTN_PREFILL = "attn_prefill";
    public static final String ATTN_DECODE = "attn_decode";
    public static final String ATTN_KV_CACHE_SAVE = "attn_kv_cache_save";
    public static final String ATTN_POST_PROJ = "attn_post_proj";
    public static final String POST_ATTENTION_LAYERNORM = "post_attention_layernorm";
    public static final String MLP_UP_PROJ = "mlp_up_proj";
    public static final String MLP_ACT = "mlp_act";
    public static final String MLP_DOWN_PROJ = "mlp_down_proj";
    public static final String ADD = "add";
    public static final String LM_HEAD = "lm_head";
    public static final String SAMPLER = "sampler";

    public static final String ALL_REDUCE = "all_reduce";
    public static final String ALL_GATHER = "all_gather";
    public static final String SEND_RECV = "send_recv";

    public static final List<String> OPERATORS = List.of(EMB, INPUT_LAYERNORM, ATTN_PRE_PROJ, ATTN_ROPE, ATTN_PREFILL,
            ATTN_DECODE, ATTN_KV_CACHE_SAVE, ATTN_POST_PROJ, POST_ATTENTION_LAYERNORM, MLP_UP_PROJ, MLP_ACT,
            MLP_DOWN_PROJ, ADD, LM_HEAD, SAMPLER);

    /** Shape-argument (feature) names. */
    public static final String NUM_TOKENS = "num_tokens";
    public static final String N_EMBD = "n_embd";
    public static final String N_HEAD = "n_head";
    public static final String N_KV_HEAD = "n_kv_head";
    public static final String N_EXPANDED_EMBD = "n_expanded_embd";
    public static final String VOCAB_SIZE = "vocab_size";
    public static final String NUM_TP_WORKERS = "num_tensor_parallel_workers";
    public static final String BATCH_SIZE = "batch_size";
    public static final String BLOCK_SIZE = "block_size";
    public static final String SUM_Q_KV = "sum_q_kv";
    public static final String SUM_KV = "sum_kv";
    public static final String MAX_BLOCKS_PER_SEQ = "max_blocks_per_seq";

    private KernelNames() {}
}
