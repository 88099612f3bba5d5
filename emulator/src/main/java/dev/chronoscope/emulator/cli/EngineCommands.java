package dev.chronoscope.emulator.cli;

import dev.chronoscope.emulator.run.EngineInstallation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code serve} and {@code bench} belong to the engine, which this module must not link against.
 * ./chronoscope starts them on the engine's classpath directly; run from this CLI they start the
 * engine JVM as a child that shares this console, with every argument passed through.
 */
final class EngineCommands {
    private EngineCommands() {}

    abstract static class EngineCommand implements Callable<Integer> {
        @Unmatched
        List<String> arguments = new ArrayList<>();

        abstract String name();

        @Override
        public Integer call() throws Exception {
            EngineInstallation engine = EngineInstallation.fromHome();
            List<String> command = new ArrayList<>(List.of(engine.javaExecutable().toString(),
                    "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                    "-cp", engine.engineClasspath(), EngineInstallation.ENGINE_MAIN, name()));
            command.addAll(arguments);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    @Command(name = "serve", description = "Run the engine for real on this CPU with its OpenAI-compatible HTTP API ('serve --help' for its options).")
    static final class Serve extends EngineCommand {
        @Override String name() { return "serve"; }
    }

    @Command(name = "bench", description = "Benchmark any OpenAI-compatible server, like 'vllm bench serve' ('bench --help' for its options).")
    static final class Bench extends EngineCommand {
        @Override String name() { return "bench"; }
    }
}
