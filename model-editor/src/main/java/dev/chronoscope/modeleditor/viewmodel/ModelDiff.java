package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.form.KernelModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metrics and coefficients of two models side by side: a refit's effect, or two compared versions. */
public record ModelDiff(String beforeLabel, String afterLabel, List<DiffRow> rows) {
    public ModelDiff {
        rows = List.copyOf(rows);
    }

    public static ModelDiff of(String beforeLabel, KernelModel before, FitMetrics beforeMetrics,
                               String afterLabel, KernelModel after, FitMetrics afterMetrics) {
        List<DiffRow> rows = new ArrayList<>();
        rows.add(new DiffRow("R²", beforeMetrics.r2(), afterMetrics.r2()));
        rows.add(new DiffRow("MAPE %", beforeMetrics.mape(), afterMetrics.mape()));
        rows.add(new DiffRow("CV MAPE %", beforeMetrics.cvMape(), afterMetrics.cvMape()));
        rows.add(new DiffRow("max error %", beforeMetrics.maxErrorPct(), afterMetrics.maxErrorPct()));
        rows.add(new DiffRow("samples", beforeMetrics.samples(), afterMetrics.samples()));
        Map<String, double[]> params = new LinkedHashMap<>();
        for (Coefficient c : ModelParameters.of(before)) params.computeIfAbsent(c.name(), k -> new double[]{Double.NaN, Double.NaN})[0] = c.value();
        for (Coefficient c : ModelParameters.of(after)) params.computeIfAbsent(c.name(), k -> new double[]{Double.NaN, Double.NaN})[1] = c.value();
        params.forEach((name, v) -> rows.add(new DiffRow(name, v[0], v[1])));
        return new ModelDiff(beforeLabel, afterLabel, rows);
    }

    public DiffRow row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no diff row '" + name + "'"));
    }
}
