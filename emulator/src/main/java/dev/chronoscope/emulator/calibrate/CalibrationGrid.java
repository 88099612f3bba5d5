package dev.chronoscope.emulator.calibrate;

import dev.chronoscope.emulator.models.form.KernelNames;

import java.util.ArrayList;
import java.util.List;

/**
 * Which shapes the engine's profilers sweep: their command-line arguments, so the grid is written
 * down in one place and the profilers stay the only code that knows how to build a shape.
 *
 * @param name                how summaries name the grid ("full", "quick", …)
 * @param kernelArguments     {@code KernelProfiler} options (model, widths, TP, token and attention grids, timing)
 * @param collectiveArguments {@code CollectiveProfiler} options (sizes, ranks, timing)
 * @param servingArguments    {@code ServingProfiler} options (TP degrees, prompt lengths, concurrency, rounds): the
 *                            in-situ profile of kernels, collectives and the runtime costs of {@link KernelNames#RUNTIME};
 *                            empty to run no serving profiler
 * @param ops                 the kernels (and runtime costs) profiled and fitted
 */
public record CalibrationGrid(String name, List<String> kernelArguments, List<String> collectiveArguments,
                              List<String> servingArguments, List<String> ops) {

    /** One profiler child: its main class and arguments. */
    record Invocation(String mainClass, List<String> arguments) {}

    public CalibrationGrid {
        kernelArguments = List.copyOf(kernelArguments);
        collectiveArguments = List.copyOf(collectiveArguments);
        servingArguments = List.copyOf(servingArguments);
        ops = List.copyOf(ops);
        if (ops.isEmpty()) throw new IllegalArgumentException("a calibration grid needs at least one kernel");
        for (String op : ops) {
            if (!KernelNames.allWithRuntime().contains(op)) {
                throw new IllegalArgumentException("unknown kernel '" + op + "'; expected some of " + String.join(",", KernelNames.allWithRuntime()));
            }
            if (KernelNames.isRuntime(op) && servingArguments.isEmpty()) {
                throw new IllegalArgumentException(op + " is measured only in situ: the grid needs serving-profiler arguments");
            }
        }
    }

    /**
     * Every op of DESIGN §8 on the tiny model at two widths and two TP degrees, token counts 1–4096
     * (powers of two and the halfway points), prefill and decode attention over batch × context
     * grids, and collectives over 4 KiB–16 MiB on 2 and 4 ranks: 1,459 shapes; and the tiny model
     * served in situ at TP 1 and 2 (five prompt lengths, four concurrencies), which adds the runtime
     * costs and in-situ samples of every kernel to the fits.
     */
    public static CalibrationGrid full() {
        return new CalibrationGrid("full", List.of(
                "--model", "tiny", "--widths", "256,512", "--tp", "1,2",
                "--tokens", "1,2,3,4,6,8,12,16,24,32,48,64,96,128,192,256,384,512,768,1024,1536,2048,3072,4096",
                "--prefill-batches", "1,2,4", "--prefill-lengths", "16,64,256,1024", "--prefill-cached", "0,512",
                "--decode-batches", "1,4,16,32", "--decode-contexts", "16,128,512,2048,4096",
                "--min-reps", "5", "--budget-ms", "40"),
                // Collectives are timed by wall clock, so more repetitions for a steadier median; they are cheap.
                List.of("--bytes", "4096,16384,65536,262144,1048576,4194304,16777216", "--ranks", "2,4", "--min-reps", "9", "--budget-ms", "100"),
                List.of("--model", "tiny", "--tp", "1,2", "--per-rank-tp", "2", "--prompt-lengths", "16,64,128,256,512",
                        "--concurrency", "1,2,4,16", "--warmup-rounds", "2", "--rounds", "3"),
                KernelNames.allWithRuntime());
    }

    /**
     * Only in situ: the tiny model served at TP 1 and 2 (ranks as threads, and TP 2 again with a process
     * per rank) with prompts of 16, 128 and 512 tokens sent alone, by 4 and by 16, each group generating
     * 32 tokens, after a warm-up round:
     * every compute kernel, all-reduce and all-gather at the shapes serving produces, and the runtime
     * costs. No send/recv (pipeline stages are not served), so its emulations keep the alpha-beta model.
     */
    public static CalibrationGrid quick() {
        List<String> ops = new ArrayList<>(KernelNames.COMPUTE);
        ops.addAll(List.of("all_reduce", "all_gather"));
        ops.addAll(KernelNames.RUNTIME);
        return new CalibrationGrid("quick", List.of(), List.of(),
                List.of("--model", "tiny", "--tp", "1,2", "--per-rank-tp", "2", "--prompt-lengths", "16,128,512", "--concurrency", "1,4,16",
                        "--warmup-rounds", "1", "--rounds", "2"),
                ops);
    }

    /** This grid limited to {@code subset} of its kernels. */
    public CalibrationGrid restrictedTo(List<String> subset) {
        for (String op : subset) {
            if (!ops.contains(op)) throw new IllegalArgumentException("unknown kernel '" + op + "'; expected some of " + String.join(",", ops));
        }
        return new CalibrationGrid(name, kernelArguments, collectiveArguments, servingArguments, subset.stream().distinct().toList());
    }

    /**
     * The profiler children to run, kernels first, each limited to this grid's ops and labelled with
     * {@code source}; the serving profiler last, recording whatever serving runs (the calibration keeps
     * the samples of this grid's ops).
     */
    List<Invocation> invocations(String source) {
        List<Invocation> out = new ArrayList<>();
        List<String> kernels = ops.stream().filter(o -> !KernelNames.isCollective(o) && !KernelNames.isRuntime(o)).toList();
        List<String> collectives = ops.stream().filter(KernelNames::isCollective).toList();
        if (!kernels.isEmpty() && !kernelArguments.isEmpty()) {
            out.add(new Invocation(ProfilerLauncher.KERNEL_PROFILER, with(kernelArguments, kernels, source)));
        }
        if (!collectives.isEmpty() && !collectiveArguments.isEmpty()) {
            out.add(new Invocation(ProfilerLauncher.COLLECTIVE_PROFILER, with(collectiveArguments, collectives, source)));
        }
        if (!servingArguments.isEmpty()) {
            List<String> serving = new ArrayList<>(servingArguments);
            serving.addAll(List.of("--source", source));
            out.add(new Invocation(ProfilerLauncher.SERVING_PROFILER, serving));
        }
        return out;
    }

    private static List<String> with(List<String> arguments, List<String> ops, String source) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--ops", String.join(",", ops), "--source", source));
        return all;
    }
}
