package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.models.Prediction;

/** Measured tables where they cover the layout; the alpha-beta model everywhere else. */
public final class ProfiledOrAlphaBetaNetworkModel implements NetworkModel {
    private final ProfiledNetworkModel profiled;
    private final NetworkModel fallback;

    public ProfiledOrAlphaBetaNetworkModel(ProfiledNetworkModel profiled, NetworkModel fallback) {
        this.profiled = profiled;
        this.fallback = fallback;
    }

    @Override
    public Prediction predict(CollectiveOp op, long bytes, GroupLayout layout) {
        return profiled.covers(op, layout) ? profiled.predict(op, bytes, layout) : fallback.predict(op, bytes, layout);
    }
}
