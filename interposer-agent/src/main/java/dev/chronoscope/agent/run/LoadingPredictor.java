package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.Prediction;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The run's kernel models, loaded on a thread of their own while the agent installs its
 * interceptions: each takes a few hundred milliseconds of the engine JVM's start-up (the models
 * store is SQLite behind Jackson, the interceptions are ByteBuddy's). The agent waits for both
 * before the engine's main runs ({@link #await()}), so no emulated thread ever waits here.
 */
final class LoadingPredictor implements KernelPredictor {
    private final CompletableFuture<KernelPredictor> loading = new CompletableFuture<>();
    private volatile KernelPredictor loaded;

    private LoadingPredictor() {}

    static LoadingPredictor start(Supplier<KernelPredictor> load) {
        LoadingPredictor p = new LoadingPredictor();
        Thread.ofPlatform().daemon().name("chronoscope-models").start(() -> {
            try {
                p.loading.complete(load.get());
            } catch (Throwable e) {
                p.loading.completeExceptionally(e);
            }
        });
        return p;
    }

    /** Waits for the models; a failure to load them is thrown here, as loading them in place would have thrown it. */
    void await() {
        try {
            loaded = loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    @Override
    public Prediction predict(String deviceType, String kernel, Features features) {
        KernelPredictor p = loaded;
        if (p == null) throw new IllegalStateException("kernel models are still loading: the agent predicts only after they have loaded");
        return p.predict(deviceType, kernel, features);
    }
}
