package dev.chronoscope.emulator.models.fit;

import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.form.ModelForm;

import java.util.List;

/**
 * How to fit one kernel.
 *
 * @param form        linear, roofline or table
 * @param features    linear: the terms; table: key features then the axis feature last; roofline: ignored
 * @param solver      least-squares variant for linear forms
 * @param ridgeLambda ridge penalty (scaled columns)
 * @param folds       k of k-fold cross-validation
 * @param outlierK    samples with |residual − median| > k·MAD are marked as outliers
 */
public record FitOptions(ModelForm form, List<String> features, Solver solver, double ridgeLambda, int folds, double outlierK) {
    public FitOptions {
        features = List.copyOf(features);
        if (folds < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        if (form == ModelForm.TABLE && features.isEmpty()) throw new IllegalArgumentException("a table needs at least its axis feature");
        if (form == ModelForm.LINEAR && features.isEmpty()) throw new IllegalArgumentException("a linear model needs at least one feature");
    }

    /** The shipped choice: NNLS over engineered work for compute kernels, a size-interpolated table for collectives. */
    public static FitOptions defaultsFor(String kernel) {
        if (KernelNames.isCollective(kernel)) {
            return new FitOptions(ModelForm.TABLE, List.of("num_workers", "devices_per_node", "size"), Solver.NNLS, 0, 5, 8);
        }
        return new FitOptions(ModelForm.LINEAR, EngineeredFeatures.DEFAULT_LINEAR, Solver.NNLS, 0, 5, 8);
    }

    public FitOptions withForm(ModelForm f) { return new FitOptions(f, features, solver, ridgeLambda, folds, outlierK); }

    public FitOptions withFeatures(List<String> f) { return new FitOptions(form, f, solver, ridgeLambda, folds, outlierK); }

    public FitOptions withSolver(Solver s) { return new FitOptions(form, features, s, ridgeLambda, folds, outlierK); }
}
