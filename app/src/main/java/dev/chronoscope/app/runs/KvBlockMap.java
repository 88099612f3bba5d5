package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KV block map at the view's resolution: for each pixel column of [t0, t1] and each band of
 * block ids, who held those blocks at the column's end. One pass over the {@code kv_blocks} events
 * in arrival order, whatever their number; a band covers several blocks when the cache has more
 * blocks than the view has pixel rows, and then shows shared over held over free.
 *
 * <p>Cell codes: {@link #FREE}, {@link #SHARED} (held by several requests, or reported as a shared
 * prefix block), else {@code k > 0}: held by the k-th request of the stream (first appearance order,
 * so colours do not depend on request names or hash order).
 */
public final class KvBlockMap {
    public static final int FREE = 0;
    public static final int SHARED = -1;

    private final int columns, bands, numBlocks;
    private final int[] cells;
    private final List<String> requests;

    private KvBlockMap(int columns, int bands, int numBlocks, int[] cells, List<String> requests) {
        this.columns = columns;
        this.bands = bands;
        this.numBlocks = numBlocks;
        this.cells = cells;
        this.requests = requests;
    }

    /**
     * Samples blocks {@code [0, numBlocks)} at {@code columns} instants (the ends of equal slices of
     * [t0, t1]) into at most {@code maxBands} bands.
     */
    public static KvBlockMap sample(List<StreamEvent.KvBlocks> entries, long t0, long t1, int columns, int maxBands, int numBlocks) {
        if (columns < 1 || maxBands < 1 || numBlocks < 1 || t1 <= t0) {
            throw new IllegalArgumentException("block map of " + columns + " columns, " + maxBands + " bands, " + numBlocks
                    + " blocks over [" + t0 + ", " + t1 + "] ns");
        }
        int bands = Math.min(maxBands, numBlocks);
        Holders holders = new Holders(numBlocks);
        int[] cells = new int[columns * bands];
        int e = 0;
        for (int c = 0; c < columns; c++) {
            double end = t0 + (double) (t1 - t0) * (c + 1) / columns;
            while (e < entries.size() && entries.get(e).time() <= end) holders.apply(entries.get(e++));
            for (int band = 0; band < bands; band++) {
                cells[c * bands + band] = holders.cell((int) ((long) band * numBlocks / bands),
                        (int) ((long) (band + 1) * numBlocks / bands));
            }
        }
        return new KvBlockMap(columns, bands, numBlocks, cells, List.copyOf(holders.names));
    }

    public int columns() { return columns; }

    /** Rows of cells; band b covers block ids [b·numBlocks/bands, (b+1)·numBlocks/bands). */
    public int bands() { return bands; }

    public int numBlocks() { return numBlocks; }

    public int cell(int column, int band) { return cells[column * bands + band]; }

    /** The request of a cell code {@code k > 0}. */
    public String request(int code) { return requests.get(code - 1); }

    /** Who holds each block as the events replace each request's table. */
    private static final class Holders {
        private final int[] count, sharedMarks, ownerXor;
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final List<StreamEvent.KvBlocks> current = new ArrayList<>();

        Holders(int numBlocks) {
            count = new int[numBlocks];
            sharedMarks = new int[numBlocks];
            ownerXor = new int[numBlocks];
        }

        void apply(StreamEvent.KvBlocks k) {
            Integer code = codes.get(k.requestId());
            if (code == null) {
                names.add(k.requestId());
                current.add(null);
                codes.put(k.requestId(), code = names.size());
            }
            StreamEvent.KvBlocks old = current.get(code - 1);
            if (old != null) update(old, code, -1);
            int[] ids = k.blockIds();
            boolean holds = ids != null && ids.length > 0;
            current.set(code - 1, holds ? k : null);
            if (holds) update(k, code, 1);
        }

        private void update(StreamEvent.KvBlocks k, int code, int delta) {
            int[] ids = k.blockIds();
            for (int i = 0; i < ids.length; i++) {
                int b = ids[i];
                if (b < 0 || b >= count.length) continue;
                count[b] += delta;
                // XOR of the holders' codes: when one holder is left, it is exactly its code.
                ownerXor[b] ^= code;
                if (i < k.sharedBlocks()) sharedMarks[b] += delta;
            }
        }

        int cell(int from, int to) {
            int held = FREE;
            for (int b = from; b < to; b++) {
                if (count[b] > 1 || (count[b] == 1 && sharedMarks[b] > 0)) return SHARED;
                if (held == FREE && count[b] == 1) held = ownerXor[b];
            }
            return held;
        }
    }

    /** The map as text, top band first: '.' free, '*' shared, a digit the request code (9 for 9 and above). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int band = bands - 1; band >= 0; band--) {
            for (int c = 0; c < columns; c++) {
                int v = cell(c, band);
                s.append(v == FREE ? '.' : v == SHARED ? '*' : (char) ('0' + Math.min(v, 9)));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
