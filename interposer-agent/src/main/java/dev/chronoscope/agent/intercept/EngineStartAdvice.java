package dev.chronoscope.agent.intercept;

import dev.chronoscope.agent.run.EngineEvents;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code EngineCore.start(executor, config, clock)}: the new core reports its steps and requests to the stream. */
public final class EngineStartAdvice {
    private EngineStartAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.Return Object core) {
        EngineEvents.listenTo(core);
    }
}
