package dev.chronoscope.emulator.models.defaults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.ModelFitter;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.form.RooflineModel;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.imports.VidurImporter;
import dev.chronoscope.emulator.models.store.KernelEntry;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.emulator.models.store.VersionsJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the shipped default models from Vidur's public profiles: imports them into a scratch
 * store, fits every (device, kernel) with the shipped options, fits per-kernel roofline figures,
 * runs the held-out-shape check, and writes coefficients and metrics (never the profiles) to
 * {@code default-models.json}.
 * <p>
 * {@code java -cp … dev.chronoscope.emulator.models.defaults.FitDefaults VIDUR_DIR OUTPUT_JSON}
 */
public final class FitDefaults {
    /** Vidur GPU folder → catalogue device. */
    static final Map<String, String> COMPUTE = new LinkedHashMap<>();
    /** Vidur network topology folder → device name in the store (topology variants after a colon). */
    static final Map<String, String> NETWORK = new LinkedHashMap<>();

    static {
        COMPUTE.put("a100", "a100-80gb");
        COMPUTE.put("h100", "h100-sxm");
        COMPUTE.put("a40", "a40");
        NETWORK.put("a100_dgx", "a100-80gb");
        NETWORK.put("h100_dgx", "h100-sxm");
        NETWORK.put("a100_pairwise_nvlink", "a100-80gb:pairwise-nvlink");
        NETWORK.put("h100_pairwise_nvlink", "h100-sxm:pairwise-nvlink");
        NETWORK.put("a40_pairwise_nvlink", "a40");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FitDefaults VIDUR_DIR OUTPUT_JSON   (VIDUR_DIR holds profiling/compute and profiling/network)");
            System.exit(2);
        }
        Path vidur = Path.of(args[0]), output = Path.of(args[1]);
        Path scratch = Files.createTempFile("chronoscope-fit-defaults", ".db");
        ObjectNode root;
        try (ModelStore store = ModelStore.open(scratch)) {
            root = build(vidur, store);
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(Path.of(scratch + suffix));
        }
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        VersionsJson.MAPPER.writeValue(tmp.toFile(), root);
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + output);
    }

    static ObjectNode build(Path vidur, ModelStore store) {
        for (var e : COMPUTE.entrySet()) importInto(store, vidur.resolve("profiling/compute").resolve(e.getKey()), e.getValue());
        for (var e : NETWORK.entrySet()) importInto(store, vidur.resolve("profiling/network").resolve(e.getKey()), e.getValue());
        KernelModels models = new KernelModels(store, d -> Optional.empty());
        for (KernelEntry k : store.kernels()) {
            var fitted = models.fit(k.device(), k.kernel(), FitOptions.defaultsFor(k.kernel()), DefaultModels.AUTHOR,
                    "fitted on Vidur public profiles (MIT), " + sources(store, k), true);
            var m = fitted.version().metrics();
            System.out.printf("%-28s %-26s %-6s CV MAPE %5.1f%%  MAPE %5.1f%%  n=%d  outliers=%d%n", k.device(), k.kernel(),
                    fitted.version().model().form().id(), m.cvMape(), m.mape(), m.samples(), fitted.outliersMarked());
        }
        List<ModelVersion> active = store.activeVersions();
        ObjectNode root = VersionsJson.write(active, new HashSet<>(active.stream().map(ModelVersion::id).toList()));
        root.put("source", "Vidur profiles (github.com/microsoft/vidur, MIT licence): profiling/compute/{a100,h100,a40}/*/mlp.csv, "
                + "profiling/network/*/{all_reduce,send_recv}.csv; medians in ms converted to ns");
        root.put("generated_by", FitDefaults.class.getName());
        root.set("roofline", rooflineFigures(store));
        root.set("held_out_check", heldOutCheck(vidur));
        return root;
    }

    private static void importInto(ModelStore store, Path folder, String device) {
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException("missing Vidur folder " + folder);
        List<NewSample> samples = VidurImporter.read(folder);
        store.addSamples(device, samples);
    }

    private static String sources(ModelStore store, KernelEntry k) {
        return store.samples(k.device(), k.kernel(), true).stream()
                .map(s -> s.source().replaceAll(".*profiling/", "")).distinct().sorted().toList().toString();
    }

    /** Per kernel, the median roofline efficiency and overhead over the devices that have samples. */
    private static ObjectNode rooflineFigures(ModelStore store) {
        Map<String, List<RooflineModel>> perKernel = new TreeMap<>();
        for (KernelEntry k : store.kernels()) {
            if (k.device().contains(":")) continue;
            RooflineSpec spec = BuiltInDeviceSpecs.get(k.device());
            var fit = new ModelFitter(k.kernel(), spec, FitOptions.defaultsFor(k.kernel()).withForm(ModelForm.ROOFLINE))
                    .fit(KernelModels.rows(store.samples(k.device(), k.kernel(), false)));
            perKernel.computeIfAbsent(k.kernel(), x -> new ArrayList<>()).add((RooflineModel) fit.model());
        }
        ObjectNode out = VersionsJson.MAPPER.createObjectNode();
        perKernel.forEach((kernel, fits) -> {
            double[] eff = fits.stream().mapToDouble(RooflineModel::efficiency).sorted().toArray();
            double[] over = fits.stream().mapToDouble(RooflineModel::overheadNanos).sorted().toArray();
            out.putObject(kernel).put("efficiency", eff[eff.length / 2]).put("overhead_ns", over[over.length / 2])
                    .put("devices_fitted", fits.size());
        });
        return out;
    }

    private static ObjectNode heldOutCheck(Path vidur) {
        Path a100 = vidur.resolve("profiling/compute/a100");
        List<Path> train = List.of(a100.resolve("meta-llama/Llama-2-7b-hf/mlp.csv"), a100.resolve("meta-llama/Llama-2-70b-hf/mlp.csv"),
                a100.resolve("codellama/CodeLlama-34b-Instruct-hf/mlp.csv"));
        List<Path> test = List.of(a100.resolve("meta-llama/Meta-Llama-3-8B/mlp.csv"), a100.resolve("meta-llama/Meta-Llama-3-70B/mlp.csv"));
        var results = HeldOutShapeCheck.run(BuiltInDeviceSpecs.get("a100-80gb"), train, test);
        ObjectNode n = VersionsJson.MAPPER.createObjectNode();
        n.put("device", "a100-80gb");
        ArrayNode tr = n.putArray("fitted_on");
        train.forEach(p -> tr.add(vidur.relativize(p).toString()));
        ArrayNode te = n.putArray("held_out");
        test.forEach(p -> te.add(vidur.relativize(p).toString()));
        ObjectNode ops = n.putObject("ops");
        System.out.println("held-out shapes on a100-80gb (fit: Llama-2-7B/70B, CodeLlama-34B; test: Llama-3-8B/70B):");
        for (var r : results) {
            ops.putObject(r.op()).put("held_out_mape_pct", r.heldOutMape()).put("held_out_mape_in_token_range_pct", r.heldOutMapeInRange())
                    .put("train_mape_pct", r.trainMape()).put("held_out_rows", r.heldOutRows());
            System.out.printf("  %-26s held-out MAPE %5.1f%% (within fitted token range %5.1f%%), train MAPE %5.1f%%%n",
                    r.op(), r.heldOutMape(), r.heldOutMapeInRange(), r.trainMape());
        }
        HeldOutShapeCheck.summary(results).forEach(n::put);
        System.out.println("  " + HeldOutShapeCheck.summary(results));
        return n;
    }
}
