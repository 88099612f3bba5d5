package dev.chronoscope.engine.device;

import java.util.List;
import java.util.Map;

/**
 * One kernel launch: an operator name of DESIGN §8 ({@link KernelNames}), its shape arguments
 * under Vidur's feature names (what a duration model predicts from), non-shape attributes
 * (epsilon, offsets) and the device buffers it reads and writes, in the kernel's operand order.
 */
public record KernelLaunch(String kernel, Map<String, Long> shape, Map<String, Double> attrs, List<DevicePtr> operands) {

    public KernelLaunch {
        shape = Map.copyOf(shape);
        attrs = Map.copyOf(attrs);
        operands = List.copyOf(operands);
    }

    public long shape(String feature) {
        Long v = shape.get(feature);
        if (v == null) throw new IllegalArgumentException(kernel + ": missing shape argument '" + feature + "'");
        return v;
    }

    public int intShape(String feature) { return Math.toIntExact(shape(feature)); }

    public double attr(String name) {
        Double v = attrs.get(name);
        if (v == null) throw new IllegalArgumentException(kernel + ": missing attribute '" + name + "'");
        return v;
    }

    public DevicePtr operand(int index) { return operands.get(index); }

    /** This launch with some shape arguments replaced (graph replay with data-dependent sizes). */
    public KernelLaunch withShape(Map<String, Long> updates) {
        if (updates.isEmpty() || updates.keySet().stream().noneMatch(shape::containsKey)) return this;
        var merged = new java.util.HashMap<>(shape);
        updates.forEach((k, v) -> { if (merged.containsKey(k)) merged.put(k, v); });
        return new KernelLaunch(kernel, merged, attrs, operands);
    }
}
