package dev.chronoscope.emulator.models.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON form of model parameters and feature ranges, as stored in SQLite and in exported files. */
public final class ModelCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCodec() {}

    public static ObjectNode parameters(KernelModel model) {
        ObjectNode n = JSON.createObjectNode();
        switch (model) {
            case LinearModel m -> {
                ArrayNode f = n.putArray("features");
                m.features().forEach(f::add);
                ArrayNode c = n.putArray("coefficients");
                for (double v : m.coefficients()) c.add(v);
            }
            case RooflineModel m -> n.put("efficiency", m.efficiency()).put("overhead_ns", m.overheadNanos());
            case TableModel m -> {
                ArrayNode k = n.putArray("keys");
                m.keys().forEach(k::add);
                n.put("axis", m.axis());
                ArrayNode rows = n.putArray("rows");
                for (TableModel.Row r : m.rows()) {
                    ObjectNode row = rows.addObject();
                    doubles(row.putArray("key"), r.key());
                    doubles(row.putArray("axis_values"), r.axisValues());
                    doubles(row.putArray("nanos"), r.nanos());
                }
            }
        }
        return n;
    }

    public static KernelModel model(ModelForm form, JsonNode p) {
        return switch (form) {
            case LINEAR -> new LinearModel(strings(p.required("features")), doubles(p.required("coefficients")));
            case ROOFLINE -> new RooflineModel(p.required("efficiency").asDouble(), p.required("overhead_ns").asDouble());
            case TABLE -> {
                List<TableModel.Row> rows = new ArrayList<>();
                for (JsonNode r : p.required("rows")) {
                    rows.add(new TableModel.Row(doubles(r.required("key")), doubles(r.required("axis_values")), doubles(r.required("nanos"))));
                }
                yield new TableModel(strings(p.required("keys")), p.required("axis").asText(), rows);
            }
        };
    }

    public static KernelModel model(ModelForm form, String json) {
        try {
            return model(form, JSON.readTree(json));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable " + form.id() + " model parameters: " + e.getMessage(), e);
        }
    }

    public static ObjectNode ranges(FeatureRanges ranges) {
        ObjectNode n = JSON.createObjectNode();
        ranges.ranges().forEach((k, v) -> n.putArray(k).add(v[0]).add(v[1]));
        return n;
    }

    public static FeatureRanges ranges(JsonNode n) {
        Map<String, double[]> r = new java.util.TreeMap<>();
        n.properties().forEach(e -> r.put(e.getKey(), new double[]{e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()}));
        return new FeatureRanges(r);
    }

    public static FeatureRanges ranges(String json) {
        try {
            return ranges(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable feature ranges: " + e.getMessage(), e);
        }
    }

    public static String text(JsonNode n) { return n.toString(); }

    private static void doubles(ArrayNode a, double[] v) { for (double d : v) a.add(d); }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }

    private static List<String> strings(JsonNode a) {
        List<String> s = new ArrayList<>();
        a.forEach(x -> s.add(x.asText()));
        return s;
    }
}
