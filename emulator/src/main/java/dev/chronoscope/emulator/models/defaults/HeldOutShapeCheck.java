package dev.chronoscope.emulator.models.defaults;

import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.ModelFitter;
import dev.chronoscope.emulator.models.fit.TrainingRow;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.KernelModel;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.imports.VidurMlpImporter;
import dev.chronoscope.emulator.models.store.NewSample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does one model per (device, kernel) transfer to an LLM it was not fitted on? Fits each op on the
 * training models' mlp.csv rows and reports the MAPE of its predictions on the held-out models'
 * rows, with the shipped fit options.
 */
public final class HeldOutShapeCheck {
    private HeldOutShapeCheck() {}

    /** MAPE (percent) per op on the held-out rows: all of them, and those within the fitted token range. */
    public record OpResult(String op, double heldOutMape, double heldOutMapeInRange, double trainMape, int heldOutRows) {}

    public static List<OpResult> run(RooflineSpec spec, List<Path> trainFiles, List<Path> heldOutFiles) {
        List<NewSample> train = new ArrayList<>(), test = new ArrayList<>();
        trainFiles.forEach(f -> train.addAll(VidurMlpImporter.read(f)));
        heldOutFiles.forEach(f -> test.addAll(VidurMlpImporter.read(f)));
        double maxTrainTokens = train.stream().mapToDouble(s -> s.features().get("num_tokens", 0)).max().orElse(0);
        List<OpResult> out = new ArrayList<>();
        for (String op : KernelNames.VIDUR_MLP_OPS) {
            List<TrainingRow> rows = train.stream().filter(s -> s.kernel().equals(op)).map(s -> new TrainingRow(s.features(), s.nanos())).toList();
            List<NewSample> held = test.stream().filter(s -> s.kernel().equals(op)).toList();
            if (rows.isEmpty() || held.isEmpty()) continue;
            var fit = new ModelFitter(op, spec, FitOptions.defaultsFor(op)).fit(rows);
            KernelModel m = fit.model();
            List<NewSample> inRange = held.stream().filter(s -> s.features().get("num_tokens", 0) <= maxTrainTokens).toList();
            out.add(new OpResult(op, mape(op, m, spec, held), mape(op, m, spec, inRange), fit.metrics().mape(), held.size()));
        }
        return out;
    }

    private static double mape(String op, KernelModel m, RooflineSpec spec, List<NewSample> samples) {
        double[] measured = samples.stream().mapToDouble(NewSample::nanos).toArray();
        double[] predicted = samples.stream().mapToDouble(s -> m.predictNanos(EngineeredFeatures.of(op, s.features(), spec))).toArray();
        return FitMetrics.mape(measured, predicted);
    }

    /** The overall figure: mean of the per-op held-out MAPEs. */
    public static Map<String, Double> summary(List<OpResult> results) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("mean_held_out_mape_pct", results.stream().mapToDouble(OpResult::heldOutMape).average().orElse(Double.NaN));
        s.put("mean_held_out_mape_in_range_pct", results.stream().mapToDouble(OpResult::heldOutMapeInRange).average().orElse(Double.NaN));
        s.put("max_held_out_mape_pct", results.stream().mapToDouble(OpResult::heldOutMape).max().orElse(Double.NaN));
        return s;
    }
}
