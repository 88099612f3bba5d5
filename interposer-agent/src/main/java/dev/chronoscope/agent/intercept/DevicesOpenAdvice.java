package dev.chronoscope.agent.intercept;

import dev.chronoscope.agent.run.EmulationSession;
import dev.chronoscope.engine.device.DeviceRuntime;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Devices.open(int, long)}: the engine gets a virtual GPU instead of its own device. */
public final class DevicesOpenAdvice {
    private DevicesOpenAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static DeviceRuntime enter(@Advice.Argument(0) int ordinal) {
        return EmulationSession.current().devices().open(ordinal);
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Enter DeviceRuntime emulated,
                            @Advice.Return(readOnly = false) DeviceRuntime returned) {
        returned = emulated;
    }
}
