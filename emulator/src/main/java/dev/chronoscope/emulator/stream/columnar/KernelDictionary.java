package dev.chronoscope.emulator.stream.columnar;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.codec.StreamFormatException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strings and feature sets the column files refer to by id: kernel names, model versions and
 * distinct feature sets (names with values), each id being its index. Stored beside the column
 * files as {@code dictionary.json}.
 */
public final class KernelDictionary {
    public static final String FILE_NAME = "dictionary.json";
    static final String FORMAT_NAME = "chronoscope-kernel-dictionary";

    private final List<String> names = new ArrayList<>();
    private final List<String> modelVersions = new ArrayList<>();
    private final List<Features> featureSets = new ArrayList<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final Map<String, Integer> modelVersionIds = new HashMap<>();
    private final Map<Features, Integer> featureSetIds = new HashMap<>();
    /*
     * Ids of recently seen instances at their hash's slot, checked by identity before the maps: a run
     * records millions of kernels with a few dozen name, version and feature-set instances.
     */
    private final RecentIds recentNames = new RecentIds();
    private final RecentIds recentModelVersions = new RecentIds();
    private final RecentIds recentFeatureSets = new RecentIds();

    int nameId(String name) {
        if (name == null) return ColumnarFormat.NONE;
        int id = recentNames.get(name);
        return id >= 0 ? id : recentNames.put(name, intern(name, names, nameIds));
    }

    int modelVersionId(String version) {
        if (version == null) return ColumnarFormat.NONE;
        int id = recentModelVersions.get(version);
        return id >= 0 ? id : recentModelVersions.put(version, intern(version, modelVersions, modelVersionIds));
    }

    int featureSetId(Features f) {
        if (f == null) return ColumnarFormat.NONE;
        int id = recentFeatureSets.get(f);
        return id >= 0 ? id : recentFeatureSets.put(f, intern(f, featureSets, featureSetIds));
    }

    /** A direct-mapped cache from instance (by identity) to id; uses the objects' own, cached hash codes. */
    private static final class RecentIds {
        private static final int SLOTS = 1024;
        private final Object[] keys = new Object[SLOTS];
        private final int[] ids = new int[SLOTS];

        /** The id of {@code key} if this very instance was seen last at its slot, else -1. */
        int get(Object key) {
            int slot = key.hashCode() & (SLOTS - 1);
            return keys[slot] == key ? ids[slot] : -1;
        }

        int put(Object key, int id) {
            int slot = key.hashCode() & (SLOTS - 1);
            keys[slot] = key;
            ids[slot] = id;
            return id;
        }
    }

    private static <T> int intern(T value, List<T> list, Map<T, Integer> ids) {
        Integer id = ids.get(value);
        if (id == null) {
            id = list.size();
            list.add(value);
            ids.put(value, id);
        }
        return id;
    }

    /** The kernel name of an id, or null for {@link ColumnarFormat#NONE}. */
    public String name(int id) { return id == ColumnarFormat.NONE ? null : names.get(id); }

    /** The model version of an id, or null for {@link ColumnarFormat#NONE}. */
    public String modelVersion(int id) { return id == ColumnarFormat.NONE ? null : modelVersions.get(id); }

    /** The feature set of an id, or null for {@link ColumnarFormat#NONE}. */
    public Features featureSet(int id) { return id == ColumnarFormat.NONE ? null : featureSets.get(id); }

    public int nameCount() { return names.size(); }

    public int modelVersionCount() { return modelVersions.size(); }

    public int featureSetCount() { return featureSets.size(); }

    /** Writes {@code dictionary.json} into {@code dir} atomically (temporary file, then rename). */
    void write(Path dir) {
        Path target = dir.resolve(FILE_NAME);
        Path partial = dir.resolve(FILE_NAME + ".partial");
        try (OutputStream out = Files.newOutputStream(partial);
             JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT_NAME);
            g.writeNumberField("version", ColumnarFormat.VERSION);
            g.writeArrayFieldStart("names");
            for (String n : names) g.writeString(n);
            g.writeEndArray();
            g.writeArrayFieldStart("modelVersions");
            for (String v : modelVersions) g.writeString(v);
            g.writeEndArray();
            g.writeArrayFieldStart("featureSets");
            for (Features f : featureSets) {
                g.writeStartObject();
                g.writeArrayFieldStart("names");
                for (int i = 0; i < f.size(); i++) g.writeString(f.name(i));
                g.writeEndArray();
                g.writeArrayFieldStart("values");
                for (int i = 0; i < f.size(); i++) {
                    double v = f.value(i);
                    if (Double.isFinite(v)) g.writeNumber(v); else g.writeString(Double.toString(v));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code dictionary.json} from {@code dir}; bad content names the file and the field. */
    public static KernelDictionary read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw StreamFormatException.atLine(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KernelDictionary d = new KernelDictionary();
        if (root == null || !FORMAT_NAME.equals(root.path("format").asText()) || root.path("version").asInt() != ColumnarFormat.VERSION) {
            throw StreamFormatException.atLine(file.toString(), 1, "expected \"format\": \"" + FORMAT_NAME + "\" and \"version\": "
                    + ColumnarFormat.VERSION, null);
        }
        for (JsonNode n : array(root, "names", file)) d.nameId(text(n, "names", file));
        for (JsonNode n : array(root, "modelVersions", file)) d.modelVersionId(text(n, "modelVersions", file));
        for (JsonNode f : array(root, "featureSets", file)) {
            JsonNode fn = array(f, "names", file);
            JsonNode fv = array(f, "values", file);
            if (fn.size() != fv.size()) throw fieldError(file, "featureSets[].names and values differ in length");
            String[] n = new String[fn.size()];
            double[] v = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = text(fn.get(i), "featureSets[].names", file);
                JsonNode value = fv.get(i);
                if (value.isNumber()) v[i] = value.doubleValue();
                else if (value.isTextual()) v[i] = parseNonFinite(value.textValue(), file);
                else throw fieldError(file, "featureSets[].values must hold numbers");
            }
            d.featureSets.add(Features.of(n, v));
        }
        return d;
    }

    private static double parseNonFinite(String s, Path file) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw fieldError(file, "featureSets[].values holds \"" + s + "\", not a number");
        };
    }

    private static JsonNode array(JsonNode parent, String field, Path file) {
        JsonNode a = parent.get(field);
        if (a == null || !a.isArray()) throw fieldError(file, "field \"" + field + "\" must be an array");
        return a;
    }

    private static String text(JsonNode n, String field, Path file) {
        if (!n.isTextual()) throw fieldError(file, "\"" + field + "\" must hold strings but holds " + n);
        return n.textValue();
    }

    private static StreamFormatException fieldError(Path file, String message) {
        return StreamFormatException.atLine(file.toString(), StreamFormatException.UNKNOWN, message, null);
    }
}
