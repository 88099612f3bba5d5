package dev.chronoscope.emulator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Commands of DESIGN §12 whose implementation has not landed yet. Each says which issue brings it
 * and exits 2, so scripts never mistake it for a result.
 */
final class PendingCommands {
    private PendingCommands() {}

    abstract static class Pending implements Callable<Integer> {
        @Unmatched List<String> ignored;
        abstract String issue();

        @Override public Integer call() {
            System.err.println("chronoscope: this command is not built yet; it arrives with issue #" + issue() + ".");
            return 2;
        }
    }

    @Command(name = "serve", description = "Run the engine for real on this CPU with its OpenAI-compatible HTTP API (issue #3).")
    static final class Serve extends Pending { String issue() { return "3"; } }

    @Command(name = "bench", description = "Benchmark any OpenAI-compatible server, like 'vllm bench serve' (issue #3).")
    static final class Bench extends Pending { String issue() { return "3"; } }
}
