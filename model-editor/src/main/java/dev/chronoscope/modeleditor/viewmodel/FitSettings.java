package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.fit.Solver;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.KernelModel;
import dev.chronoscope.emulator.models.form.LinearModel;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.emulator.models.form.RooflineModel;
import dev.chronoscope.emulator.models.form.TableModel;

import java.util.List;

/**
 * The next refit's choices: the form, its features (for a table, the key features then the axis
 * last) and the least-squares solver. Cross-validation folds and the outlier k are the shipped ones.
 */
public record FitSettings(ModelForm form, List<String> features, Solver solver) {
    public static final int FOLDS = 5;
    public static final double OUTLIER_K = 8;

    public FitSettings {
        features = List.copyOf(features);
    }

    /** The settings that reproduce {@code model}'s form and features. */
    public static FitSettings of(KernelModel model, String kernel) {
        Solver solver = FitOptions.defaultsFor(kernel).solver();
        return switch (model) {
            case LinearModel m -> new FitSettings(ModelForm.LINEAR, m.features(), solver);
            case RooflineModel m -> new FitSettings(ModelForm.ROOFLINE, List.of(EngineeredFeatures.ROOFLINE_NS), solver);
            case TableModel m -> new FitSettings(ModelForm.TABLE, m.features(), solver);
        };
    }

    /** A change of form keeps the features where they suit it, else takes the shipped choice for the kernel. */
    public FitSettings withForm(ModelForm next, String kernel, String axisFeature) {
        if (next == form) return this;
        FitOptions shipped = FitOptions.defaultsFor(kernel);
        List<String> f = switch (next) {
            case LINEAR -> shipped.form() == ModelForm.LINEAR ? shipped.features() : EngineeredFeatures.DEFAULT_LINEAR;
            case ROOFLINE -> List.of(EngineeredFeatures.ROOFLINE_NS);
            case TABLE -> shipped.form() == ModelForm.TABLE ? shipped.features() : List.of(axisFeature);
        };
        return new FitSettings(next, f, solver);
    }

    public FitSettings withFeatures(List<String> f) { return new FitSettings(form, f, solver); }

    public FitSettings withSolver(Solver s) { return new FitSettings(form, features, s); }

    /** Fails with the reason when the features do not suit the form. */
    public FitOptions toOptions() {
        return new FitOptions(form, features, solver, 0, FOLDS, OUTLIER_K);
    }
}
