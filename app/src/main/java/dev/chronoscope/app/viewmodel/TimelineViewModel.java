package dev.chronoscope.app.viewmodel;

import dev.chronoscope.app.timeline.SpanDetails;
import dev.chronoscope.app.timeline.SpanTable;
import dev.chronoscope.app.timeline.TimeViewport;
import dev.chronoscope.app.timeline.TimelineData;
import dev.chronoscope.app.timeline.TimelineLayout;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.List;
import java.util.Locale;

/**
 * What the timeline shows of one run: the visible time range, vertical scroll, collapsed ranks,
 * the selected span, and the kernel-name search. While {@link #followProperty() follow} is on the
 * range grows with the run; any zoom or pan by the user turns it off.
 */
public final class TimelineViewModel {
    private final TimelineData data;
    private final ObjectProperty<TimeViewport> viewport = new SimpleObjectProperty<>(new TimeViewport(0, 1_000_000));
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final DoubleProperty scrollY = new SimpleDoubleProperty();
    private final ObservableSet<Integer> collapsedRanks = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<SpanDetails> selection = new ReadOnlyObjectWrapper<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<boolean[]> nameMatches = new ReadOnlyObjectWrapper<>();
    private int namesMatched;

    public TimelineViewModel(TimelineData data) {
        this.data = data;
        search.addListener((o, a, b) -> rematch());
    }

    public TimelineData data() { return data; }

    public ObjectProperty<TimeViewport> viewportProperty() { return viewport; }
    public TimeViewport viewport() { return viewport.get(); }
    public BooleanProperty followProperty() { return follow; }
    public DoubleProperty scrollYProperty() { return scrollY; }
    public ObservableSet<Integer> collapsedRanks() { return collapsedRanks; }
    public ReadOnlyObjectProperty<SpanDetails> selectionProperty() { return selection.getReadOnlyProperty(); }
    public StringProperty searchProperty() { return search; }

    /** Per name id, whether it matches the search; null when there is no search. */
    public ReadOnlyObjectProperty<boolean[]> nameMatchesProperty() { return nameMatches.getReadOnlyProperty(); }

    public TimelineLayout layout() { return TimelineLayout.of(data.rows(), collapsedRanks); }

    /** Called once per UI tick: keeps following a live run and picks up kernel names that appeared. */
    public void refresh() {
        if (follow.get() && !data.isEmpty()) viewport.set(TimeViewport.fit(data.startTime(), data.endTime()));
        if (!search.get().isBlank() && data.table().names().size() != namesMatched) rematch();
    }

    public void zoom(double factor, double anchorTime) {
        follow.set(false);
        viewport.set(viewport().zoom(factor, anchorTime));
    }

    public void zoomAtCentre(double factor) {
        zoom(factor, (viewport().start() + viewport().end()) / 2);
    }

    public void pan(double deltaNs) {
        follow.set(false);
        viewport.set(viewport().pan(deltaNs));
    }

    public void zoomTo(double from, double to) {
        follow.set(false);
        viewport.set(new TimeViewport(Math.min(from, to), Math.max(from, to)));
    }

    /** Shows the whole run; follow stays as it is. */
    public void fit() {
        if (!data.isEmpty()) viewport.set(TimeViewport.fit(data.startTime(), data.endTime()));
    }

    public void toggleRank(int rank) {
        if (!collapsedRanks.remove(rank)) collapsedRanks.add(rank);
    }

    public void select(int spanId) {
        selection.set(spanId < 0 ? null : data.table().details(spanId, data.rows()));
    }

    public void clearSelection() { selection.set(null); }

    /**
     * Selects the first span matching the search that starts after the selected one (or the first
     * overall), and centres the view on it; false when nothing matches.
     */
    public boolean selectNextMatch() {
        boolean[] m = nameMatches.get();
        if (m == null) return false;
        SpanDetails current = selection.get();
        int id = data.table().nextMatch(m, current == null ? Long.MIN_VALUE : current.start(), current == null ? -1 : current.id());
        if (id < 0) return false;
        select(id);
        SpanDetails d = selection.get();
        double span = Math.max(viewport().span(), 1);
        double visible = Math.min(span, Math.max(d.duration() * 40.0, 20_000));
        zoomTo(d.start() - visible / 2, d.start() + visible / 2);
        return true;
    }

    /** A status line for the search box: "12 kernel names match" or "no kernel matches". */
    public String searchSummary() {
        boolean[] m = nameMatches.get();
        if (m == null) return "";
        int n = 0;
        for (boolean b : m) if (b) n++;
        return n == 0 ? "no kernel matches" : n + (n == 1 ? " kernel name matches" : " kernel names match");
    }

    private void rematch() {
        String q = search.get().trim().toLowerCase(Locale.ROOT);
        List<String> names = data.table().names();
        namesMatched = names.size();
        if (q.isEmpty()) {
            nameMatches.set(null);
            return;
        }
        boolean[] m = new boolean[names.size()];
        for (int i = 0; i < m.length; i++) m[i] = names.get(i).toLowerCase(Locale.ROOT).contains(q);
        nameMatches.set(m);
    }

    /** Exposed for the view's hit testing. */
    public SpanTable table() { return data.table(); }
}
