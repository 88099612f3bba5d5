package dev.chronoscope.emulator.models;

import dev.chronoscope.emulator.models.store.NewSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Generated profile files and samples for tests (never the shared data). */
public final class TestSamples {
    private TestSamples() {}

    public static final List<String> OPS = List.of("emb", "input_layernorm", "attn_pre_proj", "attn_rope", "attn_post_proj",
            "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj", "add");

    /** A Vidur-style mlp.csv: each op's median grows linearly with tokens, ms. */
    public static Path vidurMlp(Path dir, int[] tokens, int[] tps) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> cols = new ArrayList<>();
        for (String op : OPS) for (String s : List.of("min", "max", "mean", "median", "std")) cols.add("time_stats." + op + "." + s);
        cols.addAll(List.of("n_head", "n_kv_head", "n_embd", "n_expanded_embd", "vocab_size", "use_gated_mlp", "num_tokens", "num_tensor_parallel_workers"));
        sb.append(String.join(",", cols)).append('\n');
        for (int tp : tps) {
            for (int t : tokens) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < OPS.size(); i++) {
                    double ms = 0.003 + (i + 1) * 1e-5 * t / tp;
                    for (int k = 0; k < 5; k++) cells.add(Double.toString(k == 4 ? 0.0001 : ms));
                }
                cells.addAll(List.of("32", "8", "4096", "14336", "128256", "True", Integer.toString(t), Integer.toString(tp)));
                sb.append(String.join(",", cells)).append('\n');
            }
        }
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("mlp.csv"), sb.toString());
    }

    /** A Vidur-style network CSV of one collective. */
    public static Path vidurNetwork(Path dir, String collective) throws IOException {
        StringBuilder sb = new StringBuilder(",time_stats." + collective + ".min,time_stats." + collective + ".max,time_stats." + collective
                + ".mean,time_stats." + collective + ".median,time_stats." + collective + ".std,rank,num_workers,size,collective,devices_per_node,max_devices_per_node\n");
        int i = 0;
        for (int w : new int[]{2, 4}) {
            for (long size = 2048; size <= 1 << 24; size *= 2) {
                double ms = 0.02 + size / 1e8 * w;
                sb.append(i++).append(',').append(ms).append(',').append(ms).append(',').append(ms).append(',').append(ms).append(",0.0,0,")
                        .append(w).append(',').append(size).append(',').append(collective).append(',').append(w).append(",8\n");
            }
        }
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(collective + ".csv"), sb.toString());
    }

    public static List<NewSample> linearSamples(String kernel, int n) {
        List<NewSample> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new NewSample(kernel, Features.of("num_tokens", 16 * i, "n_embd", 4096, "tp", 1), 2000 + 35.0 * 16 * i, "test"));
        }
        return out;
    }
}
