package dev.chronoscope.emulator.cli;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.models.StorePredictor;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.Solver;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.form.ModelCodec;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.imports.ImportException;
import dev.chronoscope.emulator.models.imports.NsysImporter;
import dev.chronoscope.emulator.models.imports.SampleFileImporter;
import dev.chronoscope.emulator.models.imports.VidurImporter;
import dev.chronoscope.emulator.models.store.KernelEntry;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.emulator.models.store.StoreException;
import dev.chronoscope.emulator.models.store.StoreLocation;
import dev.chronoscope.emulator.models.store.StoredSample;
import dev.chronoscope.emulator.models.store.VersionsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code chronoscope models}: list, inspect, import, fit, activate and exchange kernel-duration models. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List, inspect, import, fit and activate kernel-duration models (DESIGN §8).",
                "A fresh store is seeded with the shipped defaults (fitted on public Vidur profiles);",
                "every other (device, kernel) is answered by a roofline on the device's spec."},
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Predict.class,
                ModelsCommand.ImportVidur.class, ModelsCommand.ImportNsys.class, ModelsCommand.ImportSamples.class,
                ModelsCommand.Samples.class, ModelsCommand.Fit.class, ModelsCommand.Exclude.class, ModelsCommand.Include.class, ModelsCommand.Activate.class, ModelsCommand.Export.class, ModelsCommand.Import.class,
                ModelsCommand.CheckVidur.class},
        footer = {"", "Examples:",
                "  chronoscope models list",
                "  chronoscope models show h100-sxm mlp_up_proj",
                "  chronoscope models check-vidur --device a100-80gb mlp.csv",
                "Launch feature names per kernel, forms and defaults: docs/models.md."})
final class ModelsCommand implements Runnable {

    @Option(names = "--models", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "models store (SQLite); default: ${DEFAULT-VALUE}")
    Path storeFile = StoreLocation.defaultPath();

    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** Opens the store (seeding a fresh one) and reports failures as one actionable line, exit 1. */
    abstract static class StoreCommand implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;
        @Spec CommandSpec spec;

        abstract int run(ModelStore store) throws IOException;

        PrintWriter out() { return spec.commandLine().getOut(); }

        @Override public Integer call() {
            try (ModelStore store = ModelStore.open(parent.storeFile)) {
                DefaultModels.load().seedIfEmpty(store);
                int rc = run(store);
                out().flush();
                return rc;
            } catch (ImportException | StoreException | IllegalArgumentException | UncheckedIOException | IOException e) {
                out().flush();
                spec.commandLine().getErr().println("chronoscope models " + spec.name() + ": " + e.getMessage());
                return 1;
            }
        }

        static KernelModels models(ModelStore store) {
            return new KernelModels(store, d -> Optional.empty());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every (device, kernel) in the store with its active version.")
    static final class ListModels extends StoreCommand {
        @Override int run(ModelStore store) {
            List<ModelVersion> active = store.activeVersions();
            out().printf("%-26s %-26s %8s %8s %9s  %-44s %-8s %s%n", "DEVICE", "KERNEL", "SAMPLES", "EXCLUDED", "VERSIONS", "ACTIVE", "FORM", "CV MAPE");
            for (KernelEntry k : store.kernels()) {
                Optional<ModelVersion> v = active.stream().filter(a -> a.id() == k.activeVersion()).findFirst();
                out().printf("%-26s %-26s %8d %8d %9d  %-44s %-8s %s%n", k.device(), k.kernel(), k.samples(), k.excluded(), k.versions(),
                        v.map(ModelVersion::label).orElse("(roofline default)"), v.map(x -> x.model().form().id()).orElse("-"),
                        v.map(x -> pct(x.metrics().cvMape())).orElse("-"));
            }
            out().println();
            out().println("Any other (device, kernel) is predicted by the roofline default; 'show DEVICE KERNEL' explains one.");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the active model of DEVICE KERNEL, its metrics and version history.")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DEVICE", description = "device, e.g. h100-sxm, a100-80gb, a40, h200, l40s, b200, cpu-local") String device;
        @Parameters(index = "1", paramLabel = "KERNEL", description = "kernel, e.g. mlp_up_proj, attn_decode, all_reduce") String kernel;

        @Override int run(ModelStore store) {
            StorePredictor predictor = models(store).predictor();
            RooflineSpec s = predictor.spec(device);
            List<ModelVersion> versions = store.versions(device, kernel);
            Optional<ModelVersion> active = store.active(device, kernel);
            List<StoredSample> samples = store.samples(device, kernel, true);
            out().printf("%s/%s: %d samples (%d excluded), %d versions%n", device, kernel, samples.size(),
                    samples.stream().filter(StoredSample::excluded).count(), versions.size());
            if (active.isEmpty()) {
                var r = DefaultModels.load().roofline().forKernel(kernel);
                out().printf("active: roofline default: overhead %.0f ns + max(flops/%.3g, bytes/%.3g) / efficiency %.3f%n",
                        r.overheadNanos(), s.peakFlops(), s.memoryBandwidth(), r.efficiency());
                out().println("device figures: " + s.source());
            } else {
                describe(active.get(), true);
            }
            for (ModelVersion v : versions) if (active.isEmpty() || v.id() != active.get().id()) describe(v, false);
            return 0;
        }

        private void describe(ModelVersion v, boolean isActive) {
            FitMetrics m = v.metrics();
            out().printf("%s %s (%s) parent=%s  R² %s  MAPE %s  CV MAPE %s  max error %s  n=%d%n", isActive ? "active:" : "version:",
                    v.label(), v.model().form().id(), v.parentId() == null ? "-" : v.parentId(), num(m.r2()), pct(m.mape()),
                    pct(m.cvMape()), pct(m.maxErrorPct()), m.samples());
            out().printf("  by %s at %s: %s%n", v.author(), v.createdAt(), v.note());
            if (isActive) {
                out().println("  parameters: " + ModelCodec.parameters(v.model()));
                out().println("  fitted ranges: " + ModelCodec.ranges(v.ranges()));
            }
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict one launch of KERNEL on DEVICE.")
    static final class Predict extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DEVICE", description = "device, e.g. h100-sxm, a100-80gb, a40, h200, l40s, b200, cpu-local") String device;
        @Parameters(index = "1", paramLabel = "KERNEL", description = "kernel, e.g. mlp_up_proj, attn_decode, all_reduce") String kernel;
        @Option(names = "--features", required = true, paramLabel = "NAME=VALUE,...",
                description = "launch arguments, e.g. num_tokens=512,n_embd=4096,n_head=32,n_kv_head=8,n_expanded_embd=14336,tp=1")
        String features;

        @Override int run(ModelStore store) {
            Features f = parseFeatures(features);
            StorePredictor predictor = models(store).predictor();
            Prediction p = predictor.predict(device, kernel, f);
            Features e = EngineeredFeatures.of(kernel, f, predictor.spec(device));
            String outside = store.active(device, kernel).map(v -> v.ranges().firstOutside(f)).orElse(null);
            out().printf(Locale.ROOT, "%s %s %s: %.3f us  (model %s%s)%n", device, kernel, f, p.durationNanos() / 1e3, p.modelVersion(),
                    p.outOfRange() ? ", OUT OF FITTED RANGE: " + outside + (f.has(outside) ? " outside what the model was fitted on" : " missing") : "");
            out().printf(Locale.ROOT, "  flops %.4g  bytes %.4g  roofline %.3f us%n", e.get(EngineeredFeatures.FLOPS, 0),
                    e.get(EngineeredFeatures.BYTES, 0), e.get(EngineeredFeatures.ROOFLINE_NS, 0) / 1e3);
            return 0;
        }
    }

    @Command(name = "import-vidur", mixinStandardHelpOptions = true,
            description = "Import Vidur profiles (mlp.csv, attention.csv, all_reduce.csv, send_recv.csv): one file or every one under a folder.")
    static final class ImportVidur extends StoreCommand {
        @Parameters(paramLabel = "PATH") Path path;
        @Option(names = "--device", required = true, paramLabel = "NAME", description = "device the profiles were taken on, e.g. a100-80gb") String device;

        @Override int run(ModelStore store) { return report(store, device, VidurImporter.read(path), out()); }
    }

    @Command(name = "import-nsys", mixinStandardHelpOptions = true, description = "Import kernel durations from an Nsight Systems SQLite export.")
    static final class ImportNsys extends StoreCommand {
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--device", required = true, paramLabel = "NAME") String device;

        @Override int run(ModelStore store) { return report(store, device, NsysImporter.read(file), out()); }
    }

    @Command(name = "import-samples", mixinStandardHelpOptions = true,
            description = "Import samples in Chronoscope's own CSV (kernel,duration_ns,[source,]features…) or JSON format.")
    static final class ImportSamples extends StoreCommand {
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--device", required = true, paramLabel = "NAME") String device;

        @Override int run(ModelStore store) { return report(store, device, SampleFileImporter.read(file), out()); }
    }

    static int report(ModelStore store, String device, List<NewSample> samples, PrintWriter out) {
        store.addSamples(device, samples);
        out.printf("imported %d samples for %s (%s)%n", samples.size(), device,
                String.join(", ", samples.stream().map(NewSample::kernel).distinct().sorted().toList()));
        out.println("fit them with: chronoscope models fit " + device + " KERNEL");
        return 0;
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = {"Fit DEVICE KERNEL's included samples into a new version (a child of the active one) and activate it.",
                    "Samples whose residual breaks the k·MAD rule are marked excluded (never deleted) and the fit repeated."})
    static final class Fit extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DEVICE", description = "device, e.g. h100-sxm, a100-80gb, a40, h200, l40s, b200, cpu-local") String device;
        @Parameters(index = "1", paramLabel = "KERNEL", description = "kernel, e.g. mlp_up_proj, attn_decode, all_reduce") String kernel;
        @Option(names = "--form", paramLabel = "FORM", description = "linear, roofline or table (default: linear; table for collectives)") String form;
        @Option(names = "--features", split = ",", paramLabel = "NAME",
                description = "linear terms, or table keys then axis; engineered: 1, flops, bytes, weight_bytes, row_elems, tokens, link_bytes, spill_bytes, spill_half_bytes, roofline_ns; or any raw feature")
        List<String> features;
        @Option(names = "--solver", paramLabel = "SOLVER", description = "ols, nnls or ridge (default nnls)") String solver;
        @Option(names = "--lambda", paramLabel = "L", description = "ridge penalty (default ${DEFAULT-VALUE})") double lambda = 1e-3;
        @Option(names = "--outlier-k", paramLabel = "K", description = "k of the |residual| > k·MAD outlier rule (default ${DEFAULT-VALUE})") double outlierK = 8;
        @Option(names = "--note", paramLabel = "TEXT", description = "why this version exists (kept with it)") String note = "fitted from the command line";
        @Option(names = "--author", paramLabel = "NAME", description = "who fitted it (default: your user name)") String author = System.getProperty("user.name", "unknown");
        @Option(names = "--no-activate", description = "save the version without activating it") boolean noActivate;

        @Override int run(ModelStore store) {
            FitOptions o = FitOptions.defaultsFor(kernel);
            if (form != null) {
                o = o.withForm(ModelForm.parse(form));
                if (features == null && o.form() == ModelForm.TABLE && !KernelNames.isCollective(kernel)) o = o.withFeatures(List.of("num_tokens"));
            }
            if (features != null) o = o.withFeatures(features);
            if (solver != null) o = o.withSolver(Solver.parse(solver));
            o = new FitOptions(o.form(), o.features(), o.solver(), lambda, o.folds(), outlierK);
            var fitted = models(store).fit(device, kernel, o, author, note, !noActivate);
            ModelVersion v = fitted.version();
            FitMetrics m = v.metrics();
            out().printf("saved %s (%s, parent %s)%s: R² %s  MAPE %s  CV MAPE %s  max error %s  n=%d; %d samples marked as outliers%n",
                    v.label(), v.model().form().id(), v.parentId() == null ? "-" : v.parentId(), noActivate ? "" : ", active",
                    num(m.r2()), pct(m.mape()), pct(m.cvMape()), pct(m.maxErrorPct()), m.samples(), fitted.outliersMarked());
            return 0;
        }
    }

    @Command(name = "samples", mixinStandardHelpOptions = true, description = "List the samples of DEVICE KERNEL: id, duration, features, source, exclusion.")
    static final class Samples extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DEVICE") String device;
        @Parameters(index = "1", paramLabel = "KERNEL") String kernel;
        @Option(names = "--excluded", description = "only the excluded ones") boolean excludedOnly;

        @Override int run(ModelStore store) {
            for (StoredSample s : store.samples(device, kernel, true)) {
                if (excludedOnly && !s.excluded()) continue;
                out().printf(Locale.ROOT, "%d\t%.0f ns\t%s\t%s%s%n", s.id(), s.nanos(), s.features(), s.source(),
                        s.excluded() ? "\texcluded: " + s.excludeReason() : "");
            }
            return 0;
        }
    }

    @Command(name = "exclude", mixinStandardHelpOptions = true, description = "Leave samples of DEVICE KERNEL out of future fits, with a reason (they stay in the store).")
    static final class Exclude extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DEVICE") String device;
        @Parameters(index = "1", paramLabel = "KERNEL") String kernel;
        @Option(names = "--ids", required = true, split = ",", paramLabel = "ID", description = "sample ids, as 'chronoscope models samples DEVICE KERNEL' lists them") List<Long> ids;
        @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason;

        @Override int run(ModelStore store) {
            store.exclude(owned(store, device, kernel, ids), reason);
            out().printf("excluded %d samples of %s/%s%n", ids.size(), device, kernel);
            return 0;
        }
    }

    @Command(name = "include", mixinStandardHelpOptions = true, description = "Bring excluded samples of DEVICE KERNEL back into fits (all of them without --ids).")
    static final class Include extends StoreCommand {
        @Parameters(index = "0", paramLabel = "DEVICE") String device;
        @Parameters(index = "1", paramLabel = "KERNEL") String kernel;
        @Option(names = "--ids", split = ",", paramLabel = "ID") List<Long> ids;

        @Override int run(ModelStore store) {
            List<Long> chosen = ids != null ? owned(store, device, kernel, ids)
                    : store.samples(device, kernel, true).stream().filter(StoredSample::excluded).map(StoredSample::id).toList();
            store.include(chosen);
            out().printf("included %d samples of %s/%s%n", chosen.size(), device, kernel);
            return 0;
        }
    }

    /** The ids, after checking each is a sample of (device, kernel): a typo must not touch another kernel. */
    static List<Long> owned(ModelStore store, String device, String kernel, List<Long> ids) {
        var known = new HashSet<>(store.samples(device, kernel, true).stream().map(StoredSample::id).toList());
        for (long id : ids) {
            if (!known.contains(id)) throw new IllegalArgumentException("sample " + id + " is not a sample of " + device + "/" + kernel);
        }
        return ids;
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Make VERSION (an id from 'list' or 'show') the active model of its kernel.")
    static final class Activate extends StoreCommand {
        @Parameters(paramLabel = "VERSION") long version;

        @Override int run(ModelStore store) {
            out().println("active: " + store.activate(version).label());
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write every model version (coefficients, metrics, which is active) as JSON.")
    static final class Export extends StoreCommand {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "file to write (default: standard output)") Path output;

        @Override int run(ModelStore store) throws IOException {
            List<ModelVersion> all = store.allVersions();
            var active = new HashSet<>(store.activeVersions().stream().map(ModelVersion::id).toList());
            String json = VersionsJson.MAPPER.writeValueAsString(VersionsJson.write(all, active));
            if (output == null) {
                out().println(json);
            } else {
                Path tmp = output.toAbsolutePath().resolveSibling(output.getFileName() + ".tmp");
                Files.writeString(tmp, json);
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out().printf("exported %d versions to %s%n", all.size(), output);
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Add the versions of an exported JSON file (all or nothing), activating those marked active.")
    static final class Import extends StoreCommand {
        @Parameters(paramLabel = "FILE") Path file;

        @Override int run(ModelStore store) throws IOException {
            var entries = VersionsJson.read(Files.readString(file), file.toString());
            int n = store.inTransaction(() -> {
                for (var e : entries) {
                    ModelVersion v = store.saveVersion(e.version());
                    if (e.active()) store.activate(v.id());
                }
                return entries.size();
            });
            out().printf("imported %d versions from %s%n", n, file);
            return 0;
        }
    }

    @Command(name = "check-vidur", mixinStandardHelpOptions = true,
            description = "MAPE of the active models against the medians of a Vidur mlp.csv, one line per op and overall.")
    static final class CheckVidur extends StoreCommand {
        @Option(names = "--device", required = true, paramLabel = "NAME") String device;
        @Parameters(paramLabel = "FILE.csv") Path file;

        @Override int run(ModelStore store) {
            List<NewSample> samples = VidurImporter.read(file);
            StorePredictor predictor = models(store).predictor();
            List<Double> all = new ArrayList<>();
            for (String op : KernelNames.VIDUR_MLP_OPS) {
                List<NewSample> s = samples.stream().filter(x -> x.kernel().equals(op)).toList();
                if (s.isEmpty()) continue;
                double[] measured = s.stream().mapToDouble(NewSample::nanos).toArray();
                double[] predicted = s.stream().mapToDouble(x -> predictor.predict(device, op, x.features()).durationNanos()).toArray();
                double mape = FitMetrics.mape(measured, predicted);
                all.add(mape);
                out().printf(Locale.ROOT, "%s MAPE %.2f%%  (%d rows, model %s)%n", op, mape, s.size(),
                        predictor.predict(device, op, s.getFirst().features()).modelVersion());
            }
            out().printf(Locale.ROOT, "overall MAPE %.2f%% (mean over %d ops)%n", all.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), all.size());
            return 0;
        }
    }

    static Features parseFeatures(String text) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) throw new IllegalArgumentException("--features: '" + part + "' is not NAME=VALUE");
            try {
                values.add(Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--features: value of '" + kv[0].trim() + "' ('" + kv[1].trim() + "') is not a number");
            }
            names.add(kv[0].trim());
        }
        return Features.of(names.toArray(String[]::new), values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String pct(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", v); }

    private static String num(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v); }
}
