package dev.chronoscope.agent;

import java.lang.instrument.Instrumentation;

/** The java agent's entry points (issue #5 brings the interception itself). */
public final class InterposerAgent {
    private InterposerAgent() {}

    public static void premain(String options, Instrumentation instrumentation) {
        agentmain(options, instrumentation);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        throw new IllegalStateException("chronoscope interposer agent: interception arrives with issue #5");
    }
}
