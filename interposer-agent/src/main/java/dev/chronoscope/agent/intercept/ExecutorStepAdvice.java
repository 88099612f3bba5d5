package dev.chronoscope.agent.intercept;

import dev.chronoscope.agent.run.KvBlockEvents;
import net.bytebuddy.asm.Advice;

/** Inlined into the engine executor's {@code execute(StepInput)}: the step's block tables, for the KV block map. */
public final class ExecutorStepAdvice {
    private ExecutorStepAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(0) Object stepInput) {
        KvBlockEvents.executing(stepInput);
    }
}
