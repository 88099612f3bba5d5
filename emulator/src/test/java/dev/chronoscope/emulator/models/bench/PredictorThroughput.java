package dev.chronoscope.emulator.models.bench;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.StorePredictor;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelVersion;

import java.util.List;
import java.util.Optional;

/**
 * Prints the cost of one prediction over the shipped defaults: memo hits (the shapes an emulation
 * repeats every step) and misses (new shapes, e.g. each decode step's Σkv). A main, not a test: the
 * figures depend on the machine.
 * <p>
 * {@code java -cp emulator/target/classes:emulator/target/test-classes:emulator/target/lib/* dev.chronoscope.emulator.models.bench.PredictorThroughput}
 */
public final class PredictorThroughput {
    public static void main(String[] args) {
        List<ModelVersion> active = DefaultModels.load().entries().stream()
                .map(e -> new ModelVersion(0, e.version().device(), e.version().kernel(), null, e.version().model(), e.version().ranges(),
                        e.version().dataHash(), e.version().metrics(), e.version().author(), e.version().note(), java.time.Instant.EPOCH))
                .toList();
        int shapes = 4096;
        Features[] features = new Features[shapes];
        for (int i = 0; i < shapes; i++) {
            features[i] = Features.of("num_tokens", 1 + i, "n_embd", 4096, "n_head", 32, "n_kv_head", 8, "n_expanded_embd", 14336,
                    "vocab_size", 128256, "use_gated_mlp", 1, "tp", 1);
        }
        for (int round = 0; round < 3; round++) {
            StorePredictor p = new StorePredictor(active, d -> Optional.empty(), DefaultModels.load().roofline());
            long sink = 0, t0 = System.nanoTime();
            for (Features f : features) sink += p.predict("h100-sxm", "mlp_up_proj", f).durationNanos();
            long miss = System.nanoTime() - t0;
            int hits = 2_000_000;
            t0 = System.nanoTime();
            for (int i = 0; i < hits; i++) sink += p.predict("h100-sxm", "mlp_up_proj", features[i & (shapes - 1)]).durationNanos();
            long hit = System.nanoTime() - t0;
            System.out.printf("round %d: miss %.0f ns/prediction, hit %.0f ns/prediction (checksum %d)%n",
                    round, (double) miss / shapes, (double) hit / hits, sink);
        }
    }
}
