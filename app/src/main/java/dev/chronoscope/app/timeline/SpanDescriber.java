package dev.chronoscope.app.timeline;

import dev.chronoscope.emulator.models.Features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words shown for a span in the tooltip and the details pane. */
public final class SpanDescriber {
    private SpanDescriber() {}

    /** (label, value) pairs, most important first. */
    public static List<String[]> fields(SpanDetails d) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[]{switch (d.kind()) {
            case KERNEL -> "Kernel";
            case MEMCPY -> "Copy";
            case HOST_WAIT -> "Host wait";
        }, d.name()});
        f.add(new String[]{"Family", d.family().label()});
        f.add(new String[]{"Where", d.rowName()});
        f.add(new String[]{d.kind() == SpanKind.KERNEL ? "Predicted duration" : "Duration", TimeFormat.format(d.duration())});
        f.add(new String[]{"Start", TimeFormat.instant(d.start())});
        f.add(new String[]{"End", TimeFormat.instant(d.end())});
        if (d.features() != null) {
            Features x = d.features();
            for (int i = 0; i < x.size(); i++) f.add(new String[]{"  " + x.name(i), number(x.value(i))});
        }
        if (!d.modelVersion().isEmpty()) f.add(new String[]{"Model version", d.modelVersion()});
        if (d.outOfRange()) f.add(new String[]{"Warning", "a feature is outside the model's fitted range"});
        return f;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    public static String tooltip(SpanDetails d) {
        StringBuilder b = new StringBuilder();
        for (String[] kv : fields(d)) {
            if (!b.isEmpty()) b.append('\n');
            b.append(kv[0].strip()).append(": ").append(kv[1]);
        }
        return b.toString();
    }
}
