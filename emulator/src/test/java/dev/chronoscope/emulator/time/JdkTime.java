package dev.chronoscope.emulator.time;

import net.bytebuddy.agent.ByteBuddyAgent;

/** Installs the JDK time instrumentation once for the test JVM, as the interposer agent would. */
final class JdkTime {

    private JdkTime() {
    }

    static void install() {
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
    }
}
