package dev.chronoscope.engine.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The engine's listeners; a failing one is logged and skipped, because watching the engine must never stop it. */
final class Listeners {
    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    void add(EngineListener listener) { listeners.add(listener); }

    void remove(EngineListener listener) { listeners.remove(listener); }

    boolean isEmpty() { return listeners.isEmpty(); }

    void notify(Consumer<EngineListener> event) {
        for (EngineListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "engine listener " + listener + " failed", e);
            }
        }
    }
}
