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
 * @param ops                 the kernels profiled and fitted
 */
public record CalibrationGrid(String name, List<String> kernelArguments, List<String> collectiveArguments, List<String> ops) {

    /** One profiler child: its main class and arguments. */
    record Invocation(String mainClass, List<String> arguments) {}

    public CalibrationGrid {
        kernelArguments = List.copyOf(kernelArguments);
        collectiveArguments = List.copyOf(collectiveArguments);
        ops = List.copyOf(ops);
        if (ops.isEmpty()) throw new IllegalArgumentException("a calibration grid needs at least one kernel");
        for (String op : ops) {
            if (!KernelNames.all().contains(op)) {
                throw new IllegalArgumentException("unknown kernel '" + op + "'; expected some of " + String.join(",", KernelNames.all()));
            }
        }
    }

    /**
     * Every op of DESIGN §8 on the tiny model at two widths and two TP degrees, token counts 1–4096
     * (powers of two and the halfway points), prefill and decode attention over batch × context
     * grids, and collectives over 4 KiB–16 MiB on 2 and 4 ranks: 1,459 shapes.
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
                KernelNames.all());
    }

    /**
     * The tiny model at one width and TP 1, token counts at powers of two, and attention and
     * collective grids just large enough (≥ 10 shapes each) for 5-fold cross-validation.
     */
    public static CalibrationGrid quick() {
        return new CalibrationGrid("quick", List.of(
                "--model", "tiny", "--tp", "1",
                "--tokens", "1,2,4,8,16,32,64,128,256,512,1024,2048,4096",
                "--prefill-batches", "1,4", "--prefill-lengths", "16,64,256,512,1024", "--prefill-cached", "0",
                "--decode-batches", "1,4,16,32", "--decode-contexts", "64,512,2048",
                "--min-reps", "3", "--budget-ms", "20"),
                List.of("--bytes", "4096,8192,16384,65536,262144,1048576,2097152,4194304,8388608,16777216", "--ranks", "2",
                        "--min-reps", "5", "--budget-ms", "40"),
                KernelNames.all());
    }

    /** This grid limited to {@code subset} of its kernels. */
    public CalibrationGrid restrictedTo(List<String> subset) {
        for (String op : subset) {
            if (!ops.contains(op)) throw new IllegalArgumentException("unknown kernel '" + op + "'; expected some of " + String.join(",", ops));
        }
        return new CalibrationGrid(name, kernelArguments, collectiveArguments, subset.stream().distinct().toList());
    }

    /** The profiler children to run, kernels first, each limited to this grid's ops and labelled with {@code source}. */
    List<Invocation> invocations(String source) {
        List<Invocation> out = new ArrayList<>();
        List<String> kernels = ops.stream().filter(o -> !KernelNames.isCollective(o)).toList();
        List<String> collectives = ops.stream().filter(KernelNames::isCollective).toList();
        if (!kernels.isEmpty()) out.add(new Invocation(ProfilerLauncher.KERNEL_PROFILER, with(kernelArguments, kernels, source)));
        if (!collectives.isEmpty()) out.add(new Invocation(ProfilerLauncher.COLLECTIVE_PROFILER, with(collectiveArguments, collectives, source)));
        return out;
    }

    private static List<String> with(List<String> arguments, List<String> ops, String source) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--ops", String.join(",", ops), "--source", source));
        return all;
    }
}
