package dev.chronoscope.agent;

import dev.chronoscope.agent.intercept.DevicesOpenAdvice;
import dev.chronoscope.agent.intercept.EngineStartAdvice;
import dev.chronoscope.agent.intercept.EngineStepAdvice;
import dev.chronoscope.agent.intercept.ExecutorStepAdvice;
import dev.chronoscope.agent.intercept.MainAdvice;
import dev.chronoscope.agent.intercept.RequestSubmitAdvice;
import dev.chronoscope.agent.multiprocess.MultiprocessCallRewriter;
import dev.chronoscope.agent.multiprocess.ProcessRole;
import dev.chronoscope.agent.multiprocess.SocketPollers;
import dev.chronoscope.agent.run.EmulationSession;
import dev.chronoscope.agent.time.EngineCallRewriter;
import dev.chronoscope.emulator.time.JdkTimeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.jar.JarFile;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The java agent (DESIGN §5): {@code java -javaagent:interposer-agent.jar=gpu=h100-sxm,... -cp engine.jar
 * MAIN args} runs the unchanged engine GPU-free. In order: virtual {@code nanoTime} inside the JDK's
 * timed waits; the emulation session (virtual GPUs, clock, run folder); call-site rewriting of the
 * engine's clocks, thread creation and exit; advice on {@code Devices.open}, the engine core's step
 * and submit (host overhead), the executor's {@code execute} (block tables for the KV map), and the
 * main class's {@code main}, which then runs emulated.
 */
public final class InterposerAgent {
    static final String ENGINE_PACKAGE = "dev.chronoscope.engine.";

    private InterposerAgent() {}

    public static void premain(String options, Instrumentation instrumentation) {
        try {
            AgentOptions parsed = AgentOptions.parse(options);
            install(parsed, instrumentation, parsed.mainClass() != null ? parsed.mainClass() : mainClassOfThisJvm());
        } catch (RuntimeException e) {
            System.err.println("chronoscope interposer agent: " + e.getMessage());
            System.exit(2);
        }
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        throw new IllegalStateException("chronoscope interposer agent: attach it at startup with -javaagent;"
                + " a running JVM's threads and devices cannot be moved into an emulation");
    }

    /** Installs every interception; {@code mainClass} is the class whose main runs emulated. */
    public static EmulationSession install(AgentOptions options, Instrumentation instrumentation, String mainClass) {
        JdkTimeInstrumentation.install(instrumentation);
        if (options.coordinator() != null) SocketPollers.usePlatformThreads();
        ProcessRole role = options.coordinator() == null ? ProcessRole.single(options)
                : ProcessRole.coordinated(options, mainClass, System.getProperty("sun.java.command", ""));
        EmulationSession session = EmulationSession.start(options, role);
        EngineCallRewriter rewriter = new EngineCallRewriter(ENGINE_PACKAGE.replace('.', '/'));
        instrumentation.addTransformer(rewriter);
        if (options.coordinator() != null) {
            instrumentation.addTransformer(new MultiprocessCallRewriter(ENGINE_PACKAGE.replace('.', '/')));
        }
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                // Only the engine's classes (and the main class) are candidates: no other class pays for matching.
                .ignore(not(nameStartsWith(ENGINE_PACKAGE).or(named(mainClass))))
                .type(named(ENGINE_PACKAGE + "device.Devices"))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(DevicesOpenAdvice.class)
                        .on(named("open").and(takesArguments(int.class, long.class)))))
                .type(named(ENGINE_PACKAGE + "core.EngineCore"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(EngineStepAdvice.class).on(named("step").and(takesArguments(0))))
                        .visit(Advice.to(RequestSubmitAdvice.class).on(named("submit")))
                        .visit(Advice.to(EngineStartAdvice.class).on(named("start").and(isStatic()).and(takesArguments(3)))))
                .type(hasSuperType(named(ENGINE_PACKAGE + "executor.ModelExecutor")).and(not(isInterface())))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(ExecutorStepAdvice.class)
                        .on(named("execute").and(not(isAbstract())).and(takesArguments(1))
                                .and(takesArgument(0, named(ENGINE_PACKAGE + "executor.StepInput"))))))
                .type(named(mainClass))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(MainAdvice.class)
                        .on(named("main").and(isStatic()).and(takesArguments(String[].class)))))
                .installOn(instrumentation);
        session.awaitModels();
        return session;
    }

    /** The class the launcher will run: {@code options main=}, else the JVM's command (or its jar's Main-Class). */
    private static String mainClassOfThisJvm() {
        String command = System.getProperty("sun.java.command", "").strip();
        String first = command.isEmpty() ? "" : command.split("\\s+")[0];
        if (first.endsWith(".jar")) {
            try (JarFile jar = new JarFile(Path.of(first).toFile())) {
                String main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Main-Class");
                if (main != null) return main;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the Main-Class of " + first + ": " + e.getMessage(), e);
            }
        }
        if (first.isEmpty()) throw new IllegalStateException("cannot tell this JVM's main class; pass main=CLASS");
        return first;
    }
}
