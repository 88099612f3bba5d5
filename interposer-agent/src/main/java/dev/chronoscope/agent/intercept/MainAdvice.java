package dev.chronoscope.agent.intercept;

import dev.chronoscope.agent.run.EmulatedMain;
import net.bytebuddy.asm.Advice;

/** Inlined into the main class's {@code main(String[])}: the engine's main runs inside the emulation. */
public final class MainAdvice {
    private MainAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static boolean enter(@Advice.Origin Class<?> mainClass, @Advice.Argument(0) String[] args) {
        return EmulatedMain.takeOver(mainClass, args);
    }
}
