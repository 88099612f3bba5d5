package dev.chronoscope.agent.intercept;

import dev.chronoscope.agent.run.HostOverheadModel;
import net.bytebuddy.asm.Advice;

/** Inlined into the engine core's step: charges the host overhead of one engine step (modeled mode). */
public final class EngineStepAdvice {
    private EngineStepAdvice() {}

    @Advice.OnMethodEnter
    public static void enter() {
        HostOverheadModel.chargeStep();
    }
}
