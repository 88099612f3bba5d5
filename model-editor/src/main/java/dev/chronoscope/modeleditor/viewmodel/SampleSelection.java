package dev.chronoscope.modeleditor.viewmodel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The brushed samples, shared by every plot and the sample table: selecting in one selects in all.
 * The set is replaced as a whole, so a lasso over thousands of points is one change, one redraw.
 */
public final class SampleSelection {
    private final ReadOnlyObjectWrapper<Set<Long>> ids = new ReadOnlyObjectWrapper<>(Set.of());

    public ReadOnlyObjectProperty<Set<Long>> idsProperty() { return ids.getReadOnlyProperty(); }

    public Set<Long> ids() { return ids.get(); }

    public boolean contains(long id) { return ids.get().contains(id); }

    /** Selects exactly {@code chosen}, or adds them to the selection when {@code additive}. */
    public void select(Collection<Long> chosen, boolean additive) {
        Set<Long> next = additive ? new HashSet<>(ids.get()) : new HashSet<>();
        next.addAll(chosen);
        set(next);
    }

    public void clear() { set(Set.of()); }

    private void set(Set<Long> next) {
        if (!next.equals(ids.get())) ids.set(Set.copyOf(next));
    }
}
