package dev.chronoscope.emulator.models;

import java.util.Arrays;

/**
 * The shape arguments of one kernel launch (e.g. num_tokens, n_embd, tp), as named numeric values.
 * Immutable, with value equality so predictions can be memoised per (kernel, features).
 * Names are kept in the order given; two feature sets are equal only with the same order.
 */
public final class Features {
    private final String[] names;
    private final double[] values;
    private final int hash;

    private Features(String[] names, double[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("features: " + names.length + " names but " + values.length + " values");
        }
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    public static Features of(String[] names, double[] values) {
        return new Features(names.clone(), values.clone());
    }

    /** Alternating name, value pairs: {@code Features.of("num_tokens", 512, "n_embd", 4096)}. */
    public static Features of(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("features: expected name, value pairs but got " + nameValuePairs.length + " items");
        }
        String[] n = new String[nameValuePairs.length / 2];
        double[] v = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = (String) nameValuePairs[2 * i];
            v[i] = ((Number) nameValuePairs[2 * i + 1]).doubleValue();
        }
        return new Features(n, v);
    }

    public int size() { return names.length; }

    public String name(int i) { return names[i]; }

    public double value(int i) { return values[i]; }

    /** The value of {@code name}, or {@code fallback} when absent. */
    public double get(String name, double fallback) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) return values[i];
        }
        return fallback;
    }

    public boolean has(String name) {
        for (String n : names) if (n.equals(name)) return true;
        return false;
    }

    @Override public boolean equals(Object o) {
        return this == o || (o instanceof Features f && hash == f.hash
                && Arrays.equals(names, f.names) && Arrays.equals(values, f.values));
    }

    @Override public int hashCode() { return hash; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(names[i]).append('=');
            double v = values[i];
            if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v); else sb.append(v);
        }
        return sb.append('}').toString();
    }


}
