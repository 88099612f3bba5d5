package dev.chronoscope.emulator.models.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscope.emulator.models.form.RooflineModel;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.VersionsJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shipped defaults: models fitted on public Vidur profiles (coefficients and metrics only, in
 * {@code default-models.json}, produced by {@link FitDefaults}) and the fitted roofline figures.
 */
public final class DefaultModels {
    public static final String RESOURCE = "/dev/chronoscope/emulator/models/defaults/default-models.json";
    public static final String AUTHOR = "chronoscope defaults";

    private final JsonNode root;

    private DefaultModels(JsonNode root) {
        this.root = root;
    }

    public static DefaultModels load() {
        try (InputStream in = DefaultModels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " missing from the emulator jar; rebuild it");
            return new DefaultModels(VersionsJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<VersionsJson.Entry> entries() {
        return VersionsJson.read(root, RESOURCE);
    }

    public RooflineDefaults roofline() {
        Map<String, RooflineModel> m = new TreeMap<>();
        root.path("roofline").properties().forEach(e -> m.put(e.getKey(),
                new RooflineModel(e.getValue().required("efficiency").asDouble(), e.getValue().required("overhead_ns").asDouble())));
        return new RooflineDefaults(m);
    }

    /** Seeds a store that has no model version yet; returns how many versions were added. */
    public int seedIfEmpty(ModelStore store) {
        return store.inTransaction(() -> {
            if (!store.isEmpty()) return 0;
            int n = 0;
            for (VersionsJson.Entry e : entries()) {
                ModelVersion v = store.saveVersion(e.version());
                if (e.active()) store.activate(v.id());
                n++;
            }
            return n;
        });
    }
}
