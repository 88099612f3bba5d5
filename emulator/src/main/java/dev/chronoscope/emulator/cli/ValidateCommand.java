package dev.chronoscope.emulator.cli;

import dev.chronoscope.emulator.calibrate.CalibrationException;
import dev.chronoscope.emulator.calibrate.Calibrator;
import dev.chronoscope.emulator.calibrate.ConsoleProgress;
import dev.chronoscope.emulator.calibrate.ProfilerLauncher;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.StoreException;
import dev.chronoscope.emulator.models.store.StoreLocation;
import dev.chronoscope.emulator.run.EngineInstallation;
import dev.chronoscope.emulator.run.ScenarioException;
import dev.chronoscope.emulator.validate.CalibratedModels;
import dev.chronoscope.emulator.validate.ChildJvmRuns;
import dev.chronoscope.emulator.validate.ValidationCase;
import dev.chronoscope.emulator.validate.ValidationException;
import dev.chronoscope.emulator.validate.ValidationPlan;
import dev.chronoscope.emulator.validate.ValidationReport;
import dev.chronoscope.emulator.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code chronoscope validate}: real CPU runs against their emulation (DESIGN §13). */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check emulation against real CPU runs on this machine (DESIGN §13).",
                "Calibrates cpu-local if needed, runs the engine for real on the CPU (repeated)",
                "and emulated with the calibrated models, for TP 1 and 2 at a low and a high",
                "request rate; prints the error of mean/p99 TTFT, mean TPOT, mean E2E and",
                "throughput against the median of the real runs, and writes validation.json."},
        footer = {"", "Examples:", "  chronoscope validate --quick", "  chronoscope validate --repeats 5 --out runs/validation",
                "See docs/validate.md for how to read the table."})
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "fewer requests per scenario and the quick calibration grid: under five minutes on two busy cores")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for validation.json and the runs (new or empty; default: a new runs/validate-<time>)")
    Path out;

    @Option(names = "--models", paramLabel = "FILE", description = "models store (SQLite); default: the user's store")
    Path storeFile;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "real runs per scenario; the median is compared (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME", description = "only these scenarios, e.g. tp1-low,tp2-high")
    List<String> scenarios;

    @Option(names = "--time-mode", paramLabel = "MODE", description = "run every emulation in this time mode (modeled or measured) instead of each scenario's own")
    String timeMode;

    @Option(names = "--nice", defaultValue = "0", paramLabel = "N",
            description = "run the real engine JVMs and the calibration's profilers at this niceness, e.g. -10 (needs root): on a busy shared machine it keeps other processes from stretching what is measured (default: ${DEFAULT-VALUE})")
    int nice;

    @Option(names = "--recalibrate", description = "calibrate cpu-local even when the store already holds calibrated models")
    boolean recalibrate;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        ValidationPlan plan = plan();
        Path folder = outputFolder();
        Path store = storeFile != null ? storeFile : StoreLocation.defaultPath();
        EngineInstallation installation;
        try {
            installation = EngineInstallation.fromHome();
        } catch (ScenarioException e) {
            return fail(e.getMessage());
        }
        try (ModelStore models = ModelStore.open(store)) {
            DefaultModels.load().seedIfEmpty(models);
            console.printf("chronoscope validate (%s): %d scenarios × (%d real + 1 emulated) runs; output in %s%n",
                    plan.name(), plan.cases().size(), plan.repeats(), folder.toAbsolutePath());
            console.flush();
            Calibrator calibrator = new Calibrator(ProfilerLauncher.forClasspath(installation.engineClasspath()).withNiceness(nice), d -> Optional.empty());
            if (CalibratedModels.ensure(models, plan.grid(), calibrator, new ConsoleProgress(console), recalibrate)) {
                console.println("calibrated cpu-local (" + plan.grid().name() + " grid) into " + store);
            } else {
                console.println("using the calibrated cpu-local models in " + store + " (--recalibrate to measure again)");
            }
        } catch (CalibrationException | StoreException e) {
            return fail(e.getMessage());
        }
        try {
            ValidationReport report = new Validator(new ChildJvmRuns(installation, nice), console).run(plan, store, folder);
            Path json = report.write(folder);
            console.println();
            console.print(report.table());
            console.printf(Locale.ROOT, "%d real runs per scenario; REAL MEDIAN is their median, ERROR = (emulated − real) / real,"
                    + " SPREAD = (max − min) / median of the real runs; '!' marks mean TTFT, mean TPOT or throughput beyond %.0f%%.%n",
                    plan.repeats(), Validator.TARGET_PCT);
            console.printf(Locale.ROOT, "machine: %d cores, %s; load average %.1f at start; during the real runs some task waited"
                    + " for a core %s of the time (CPU stall); real runs at niceness %d%n", report.machine().cores(),
                    report.machine().cpu(), report.machine().loadAverageAtStart(), pct(report.meanCpuStallPct()), nice);
            console.println("wrote " + json.toAbsolutePath());
            console.flush();
            return 0;
        } catch (ValidationException | ScenarioException | UncheckedIOException e) {
            return fail(e.getMessage());
        }
    }

    private ValidationPlan plan() {
        if (repeats < 1) throw new ParameterException(spec.commandLine(), "--repeats must be at least 1, got " + repeats);
        if (nice < -20 || nice > 19) throw new ParameterException(spec.commandLine(), "--nice must be in -20..19, got " + nice);
        if (timeMode != null && !timeMode.equals("modeled") && !timeMode.equals("measured")) {
            throw new ParameterException(spec.commandLine(), "--time-mode must be modeled or measured, got '" + timeMode + "'");
        }
        ValidationPlan base = quick ? ValidationPlan.quick(repeats) : ValidationPlan.full(repeats);
        List<ValidationCase> cases = base.cases();
        if (scenarios != null) {
            List<String> known = cases.stream().map(ValidationCase::name).toList();
            for (String s : scenarios) {
                if (!known.contains(s)) {
                    throw new ParameterException(spec.commandLine(), "--scenarios: unknown scenario '" + s + "'; known: " + String.join(",", known));
                }
            }
            cases = cases.stream().filter(c -> scenarios.contains(c.name())).toList();
        }
        if (timeMode != null) {
            cases = cases.stream().map(c -> c.withTimeMode(timeMode)).toList();
        }
        return new ValidationPlan(base.name(), cases, repeats, base.grid());
    }

    /** The folder given (new or empty), or a new one named after the time. */
    private Path outputFolder() {
        if (out == null) {
            return Path.of("runs", "validate-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        if (Files.isRegularFile(out)) throw new ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--out " + out + " is not empty; give a new or empty folder");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "(unknown)" : String.format(Locale.ROOT, "%.0f%%", v);
    }

    private int fail(String message) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("chronoscope validate: " + message);
        return 1;
    }
}
