package dev.chronoscope.agent.intercept;

import dev.chronoscope.agent.control.RunController;
import dev.chronoscope.agent.run.HostOverheadModel;
import net.bytebuddy.asm.Advice;

/** Inlined into the engine core's step: a "step" command's hold point, then the host overhead of one engine step (modeled mode). */
public final class EngineStepAdvice {
    private EngineStepAdvice() {}

    @Advice.OnMethodEnter
    public static void enter() {
        RunController.atEngineStep();
        HostOverheadModel.chargeStep();
    }
}
