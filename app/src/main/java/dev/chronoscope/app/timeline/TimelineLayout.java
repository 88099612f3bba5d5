package dev.chronoscope.app.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which lanes are shown, in what order and where: per rank a header (collapsible), then its device
 * streams by stream id, then its host lanes. Heights in pixels; y counts from the top of the lanes.
 */
public final class TimelineLayout {
    public static final double HEADER_HEIGHT = 20;
    public static final double ROW_HEIGHT = 24;

    /** One drawn lane; {@code row} is null for a rank header. */
    public record Lane(int rank, TimelineRow row, double y, double height, boolean collapsed) {
        public boolean isHeader() { return row == null; }
    }

    private final List<Lane> lanes;
    private final double totalHeight;

    private TimelineLayout(List<Lane> lanes, double totalHeight) {
        this.lanes = lanes;
        this.totalHeight = totalHeight;
    }

    public static TimelineLayout of(List<TimelineRow> rows, Set<Integer> collapsedRanks) {
        TreeMap<Integer, List<TimelineRow>> byRank = new TreeMap<>();
        for (TimelineRow r : rows) byRank.computeIfAbsent(r.rank(), k -> new ArrayList<>()).add(r);
        List<Lane> lanes = new ArrayList<>();
        double y = 0;
        for (var e : byRank.entrySet()) {
            boolean collapsed = collapsedRanks.contains(e.getKey());
            lanes.add(new Lane(e.getKey(), null, y, HEADER_HEIGHT, collapsed));
            y += HEADER_HEIGHT;
            if (collapsed) continue;
            List<TimelineRow> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparing((TimelineRow r) -> r.kind()).thenComparingInt(TimelineRow::stream)
                    .thenComparing(TimelineRow::name));
            for (TimelineRow r : sorted) {
                lanes.add(new Lane(e.getKey(), r, y, ROW_HEIGHT, false));
                y += ROW_HEIGHT;
            }
        }
        return new TimelineLayout(List.copyOf(lanes), y);
    }

    public List<Lane> lanes() { return lanes; }

    public double totalHeight() { return totalHeight; }

    /** The lane at {@code y}, or null. */
    public Lane laneAt(double y) {
        int lo = 0, hi = lanes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Lane l = lanes.get(mid);
            if (y < l.y()) hi = mid - 1;
            else if (y >= l.y() + l.height()) lo = mid + 1;
            else return l;
        }
        return null;
    }

    /** Where a rank's collectives are drawn: its "comm" stream, else its first lane, else its header. */
    public Lane anchorOf(int rank) {
        Lane first = null;
        for (Lane l : lanes) {
            if (l.rank() != rank) continue;
            if (first == null || (first.isHeader() && !l.isHeader())) first = l;
            if (!l.isHeader() && "comm".equals(l.row().name())) return l;
        }
        return first;
    }

    /** The lane showing {@code rowIndex}, or the header of its rank when collapsed; null if absent. */
    public Lane laneOfRow(int rowIndex, int rank) {
        Lane header = null;
        for (Lane l : lanes) {
            if (l.rank() != rank) continue;
            if (l.isHeader()) header = l;
            else if (l.row().index() == rowIndex) return l;
        }
        return header;
    }
}
