package dev.chronoscope.app.timeline;

import dev.chronoscope.emulator.models.Features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column store of every span of a run, addressed by id: what rows keep only as (start, end, id).
 * Names, model versions and feature sets repeat across millions of kernels, so they are interned.
 * One thread appends; readers use {@link #families()} snapshots or {@link #details(int)}.
 */
public final class SpanTable {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final List<String> versions = new ArrayList<>();
    private final Map<String, Integer> versionIds = new HashMap<>();
    private final Map<Features, Features> featureSets = new HashMap<>();
    private byte[] kinds = new byte[1024];
    private byte[] families = new byte[1024];
    private boolean[] outOfRange = new boolean[1024];
    private int[] nameOf = new int[1024];
    private int[] versionOf = new int[1024];
    private int[] rowOf = new int[1024];
    private int[] rankOf = new int[1024];
    private long[] startOf = new long[1024];
    private long[] endOf = new long[1024];
    private Features[] featuresOf = new Features[1024];
    private int size;

    /** Appends a span and returns its id. */
    public synchronized int add(SpanKind kind, String name, KernelFamily family, int rank, int row, long start, long end,
                                Features features, String modelVersion, boolean outOfRangeFlag) {
        if (size == kinds.length) grow();
        int id = size;
        kinds[id] = (byte) kind.ordinal();
        families[id] = (byte) family.ordinal();
        outOfRange[id] = outOfRangeFlag;
        nameOf[id] = intern(name);
        versionOf[id] = modelVersion == null ? -1 : internVersion(modelVersion);
        rowOf[id] = row;
        rankOf[id] = rank;
        startOf[id] = start;
        endOf[id] = end;
        featuresOf[id] = features == null ? null : featureSets.computeIfAbsent(features, f -> f);
        size = id + 1;
        return id;
    }

    /** Family ordinals by id; valid for every id a row slice taken before this call holds. */
    public synchronized byte[] families() { return families; }

    /** Name ids by id, for search highlighting; same validity as {@link #families()}. */
    public synchronized int[] nameIds() { return nameOf; }

    public synchronized int size() { return size; }

    /** The distinct names seen so far, indexed by name id. */
    public synchronized List<String> names() { return List.copyOf(names); }

    public synchronized SpanDetails details(int id, List<TimelineRow> rows) {
        if (id < 0 || id >= size) throw new IndexOutOfBoundsException("no span " + id + " (" + size + " spans)");
        int row = rowOf[id];
        return new SpanDetails(id, SpanKind.values()[kinds[id]], names.get(nameOf[id]), KernelFamily.values()[families[id]],
                rankOf[id], row < rows.size() ? rows.get(row).label() : "row " + row, startOf[id], endOf[id],
                featuresOf[id], versionOf[id] < 0 ? "" : versions.get(versionOf[id]), outOfRange[id]);
    }

    public synchronized int rowOf(int id) { return rowOf[id]; }

    /**
     * The span whose name matches that starts next after ({@code afterStart}, {@code afterId}) in
     * (start, id) order, wrapping around to the first; -1 when none matches.
     */
    public synchronized int nextMatch(boolean[] nameMatches, long afterStart, int afterId) {
        int best = -1, first = -1;
        for (int id = 0; id < size; id++) {
            int n = nameOf[id];
            if (n >= nameMatches.length || !nameMatches[n]) continue;
            long s = startOf[id];
            if (first < 0 || s < startOf[first]) first = id;
            boolean after = s > afterStart || (s == afterStart && id > afterId);
            if (after && (best < 0 || s < startOf[best] || (s == startOf[best] && id < best))) best = id;
        }
        return best >= 0 ? best : first;
    }

    public synchronized String nameOf(int id) { return names.get(nameOf[id]); }

    public synchronized long startOf(int id) { return startOf[id]; }

    public synchronized long endOf(int id) { return endOf[id]; }

    private int intern(String s) {
        Integer id = nameIds.get(s);
        if (id != null) return id;
        names.add(s);
        nameIds.put(s, names.size() - 1);
        return names.size() - 1;
    }

    private int internVersion(String v) {
        Integer id = versionIds.get(v);
        if (id != null) return id;
        versions.add(v);
        versionIds.put(v, versions.size() - 1);
        return versions.size() - 1;
    }

    private void grow() {
        int n = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, n);
        families = Arrays.copyOf(families, n);
        outOfRange = Arrays.copyOf(outOfRange, n);
        nameOf = Arrays.copyOf(nameOf, n);
        versionOf = Arrays.copyOf(versionOf, n);
        rowOf = Arrays.copyOf(rowOf, n);
        rankOf = Arrays.copyOf(rankOf, n);
        startOf = Arrays.copyOf(startOf, n);
        endOf = Arrays.copyOf(endOf, n);
        featuresOf = Arrays.copyOf(featuresOf, n);
    }
}
