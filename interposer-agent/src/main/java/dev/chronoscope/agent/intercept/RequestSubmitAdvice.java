package dev.chronoscope.agent.intercept;

import dev.chronoscope.agent.run.HostOverheadModel;
import net.bytebuddy.asm.Advice;

/** Inlined into the engine core's submit: charges the host overhead of accepting a request (modeled mode). */
public final class RequestSubmitAdvice {
    private RequestSubmitAdvice() {}

    @Advice.OnMethodEnter
    public static void enter() {
        HostOverheadModel.chargeRequest();
    }
}
