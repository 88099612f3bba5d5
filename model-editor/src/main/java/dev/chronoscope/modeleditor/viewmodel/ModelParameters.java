package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.form.KernelModel;
import dev.chronoscope.emulator.models.form.LinearModel;
import dev.chronoscope.emulator.models.form.RooflineModel;
import dev.chronoscope.emulator.models.form.TableModel;

import java.util.ArrayList;
import java.util.List;

/** The named parameters of each model form, and a model with one of them changed by hand. */
public final class ModelParameters {
    public static final String EFFICIENCY = "efficiency", OVERHEAD_NS = "overhead_ns";

    private ModelParameters() {}

    public static List<Coefficient> of(KernelModel model) {
        List<Coefficient> out = new ArrayList<>();
        switch (model) {
            case LinearModel m -> {
                double[] c = m.coefficients();
                for (int i = 0; i < c.length; i++) out.add(new Coefficient(m.features().get(i), c[i], true));
            }
            case RooflineModel m -> {
                out.add(new Coefficient(EFFICIENCY, m.efficiency(), true));
                out.add(new Coefficient(OVERHEAD_NS, m.overheadNanos(), true));
            }
            case TableModel m -> {
                for (TableModel.Row r : m.rows()) {
                    StringBuilder name = new StringBuilder();
                    for (int i = 0; i < m.keys().size(); i++) name.append(m.keys().get(i)).append('=').append(compact(r.key()[i])).append(' ');
                    out.add(new Coefficient(name + "· knots over " + m.axis(), r.axisValues().length, false));
                }
            }
        }
        return out;
    }

    private static String compact(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code model} with parameter {@code name} set to {@code value}; invalid values are refused with the reason. */
    public static KernelModel with(KernelModel model, String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(name + ": " + value + " is not a finite number");
        return switch (model) {
            case LinearModel m -> {
                int i = m.features().indexOf(name);
                if (i < 0) throw new IllegalArgumentException("the linear model has no term '" + name + "'");
                double[] c = m.coefficients();
                c[i] = value;
                yield new LinearModel(m.features(), c);
            }
            case RooflineModel m -> switch (name) {
                case EFFICIENCY -> new RooflineModel(value, m.overheadNanos());
                case OVERHEAD_NS -> new RooflineModel(m.efficiency(), value);
                default -> throw new IllegalArgumentException("a roofline model has only efficiency and overhead_ns, not '" + name + "'");
            };
            case TableModel m -> throw new IllegalArgumentException("table knots are refitted, not edited by hand");
        };
    }
}
