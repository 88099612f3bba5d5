package dev.chronoscope.emulator.models.imports;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.store.NewSample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Vidur's {@code attention.csv}: each row is a batch of {@code batch_size} sequences, each either a
 * prefill chunk of {@code prefill_chunk_size} tokens over {@code kv_cache_size} cached ones, or one
 * decode token over {@code kv_cache_size}. Rows become attn_prefill or attn_decode samples with the
 * aggregate features of docs/models.md (num_tokens, sum_q_kv, sum_kv, batch_size), plus
 * attn_kv_cache_save where that column is timed.
 */
public final class VidurAttentionImporter {
    private VidurAttentionImporter() {}

    public static List<NewSample> read(Path file) {
        CsvTable t = CsvTable.read(file);
        t.require("n_embd", "n_q_head", "n_kv_head", "block_size", "num_tensor_parallel_workers", "batch_size",
                "prefill_chunk_size", "kv_cache_size", "is_prefill");
        String source = "vidur:" + file;
        List<NewSample> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            boolean prefill = t.bool(r, "is_prefill") == 1;
            double batch = t.number(r, "batch_size", true), kv = t.number(r, "kv_cache_size", false);
            double chunk = prefill ? t.number(r, "prefill_chunk_size", true) : 1;
            double tokens = batch * chunk;
            double sumKv = batch * (kv + (prefill ? chunk : 0));
            Features f = Features.of("num_tokens", tokens, "batch_size", batch, "sum_q_kv", batch * chunk * (kv + chunk),
                    "sum_kv", sumKv, "kv_cache_size", kv, "prefill_chunk_size", prefill ? chunk : 0,
                    "n_embd", t.number(r, "n_embd", true), "n_head", t.number(r, "n_q_head", true),
                    "n_kv_head", t.number(r, "n_kv_head", true), "block_size", t.number(r, "block_size", true),
                    "tp", t.number(r, "num_tensor_parallel_workers", true));
            String op = prefill ? "attn_prefill" : "attn_decode";
            String column = "time_stats." + op + ".median";
            t.require(column);
            out.add(new NewSample(op, f, t.number(r, column, true) * 1e6, source));
            String save = "time_stats.attn_kv_cache_save.median";
            if (t.has(save) && !t.text(r, save).isEmpty()) out.add(new NewSample("attn_kv_cache_save", f, t.number(r, save, true) * 1e6, source));
        }
        return out;
    }
}
