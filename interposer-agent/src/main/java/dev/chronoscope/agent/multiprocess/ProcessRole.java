package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.agent.AgentOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this JVM is in a per-rank emulation: the engine's driver (client id 0, named {@code engine},
 * the run folder itself) or the worker of one rank (client id rank + 1, named {@code rank<r>}, its
 * own folder {@code ranks/rank<r>} inside the run folder, one virtual GPU numbered by its rank).
 * Fixed ids make the coordinator's tie-breaking, and so the run, reproducible. A worker is
 * recognised by the engine's worker main class and its {@code <controlPort> <rank>} arguments,
 * because the engine starts its workers with the driver's JVM options (and so this agent's).
 */
public record ProcessRole(String name, int clientId, int firstRank, int devices, Path runDir) {

    /** The engine's worker main class, by name: the agent compiles against nothing of the engine but its device API. */
    static final String WORKER_MAIN = "dev.chronoscope.engine.worker.WorkerMain";
    /** Where workers keep their stream, kernels and summary, inside the run folder. */
    public static final String RANKS_FOLDER = "ranks";

    /** The role of a JVM that is not part of a coordinated run: every rank in this one process. */
    public static ProcessRole single(AgentOptions options) {
        return new ProcessRole("engine", 0, 0, options.gpus(), options.runDir());
    }

    /** The role in a coordinated run, from the main class and the JVM's command line. */
    public static ProcessRole coordinated(AgentOptions options, String mainClass, String javaCommand) {
        if (!WORKER_MAIN.equals(mainClass)) {
            return new ProcessRole("engine", 0, 0, options.gpus(), options.runDir());
        }
        String[] words = javaCommand.strip().split("\\s+");
        int rank;
        try {
            rank = Integer.parseInt(words[words.length - 1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot tell the rank of this worker from its command '" + javaCommand
                    + "' (expected " + WORKER_MAIN + " <controlPort> <rank>)");
        }
        Path dir = options.runDir() == null ? null : options.runDir().resolve(RANKS_FOLDER).resolve("rank" + rank);
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the worker's run folder " + dir, e);
            }
        }
        return new ProcessRole("rank" + rank, rank + 1, rank, 1, dir);
    }

    public boolean isWorker() {
        return clientId > 0;
    }
}
