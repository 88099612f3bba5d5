package dev.chronoscope.engine.profiling;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * Times the engine's in-process collectives (ranks as threads exchanging through the engine's
 * {@code InProcessGroup}) over message sizes and rank counts, into the sample CSV. A separate main
 * from the kernel profiler because the device layer, where kernels are timed, may not depend on
 * the engine's distribution layer.
 */
@Command(name = "collective-profiler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Profile the engine's in-process collectives into a sample CSV.")
public final class CollectiveProfiler implements Callable<Integer> {
    static final List<String> COLLECTIVES = List.of(ALL_REDUCE, ALL_GATHER, SEND_RECV);

    @Option(names = "--ops", split = ",", description = "collectives to profile (default: all_reduce, all_gather, send_recv)")
    List<String> ops = new ArrayList<>(COLLECTIVES);
    @Option(names = "--bytes", split = ",", description = "message sizes per rank in bytes (default: ${DEFAULT-VALUE})",
            defaultValue = "4096,65536,1048576,16777216")
    List<Long> bytes;
    @Option(names = "--ranks", split = ",", description = "ranks of all_reduce and all_gather; send_recv is always 2 (default: ${DEFAULT-VALUE})",
            defaultValue = "2,4")
    List<Integer> ranks;
    @Mixin ProfileOptions options;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CollectiveProfiler())
                .setExecutionExceptionHandler((e, cmd, parsed) -> ProfileRunner.usageError(cmd, "collective-profiler", e))
                .execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ProfileRunner.run(plan(), options, "wall clock, " + Runtime.getRuntime().availableProcessors() + " processors");
        return 0;
    }

    List<ProfileCase> plan() {
        Set<String> wanted = new LinkedHashSet<>(ops);
        for (String k : wanted) {
            if (!COLLECTIVES.contains(k)) throw new IllegalArgumentException("--ops: unknown collective '" + k + "'; expected some of " + COLLECTIVES);
        }
        for (long b : bytes) {
            if (b < Float.BYTES || b > (long) Integer.MAX_VALUE) throw new IllegalArgumentException("--bytes: expected 4 to 2^31 bytes, got " + b);
        }
        for (int r : ranks) if (r < 2) throw new IllegalArgumentException("--ranks: a collective needs at least 2 ranks, got " + r);
        List<ProfileCase> plan = new ArrayList<>();
        for (String k : List.of(ALL_REDUCE, ALL_GATHER)) {
            if (wanted.contains(k)) for (int r : ranks) for (long b : bytes) plan.add(CollectiveCases.of(k, b, r));
        }
        if (wanted.contains(SEND_RECV)) for (long b : bytes) plan.add(CollectiveCases.of(SEND_RECV, b, 2));
        return plan;
    }
}
