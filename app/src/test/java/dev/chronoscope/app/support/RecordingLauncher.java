package dev.chronoscope.app.support;

import dev.chronoscope.app.runs.RunControl;
import dev.chronoscope.app.runs.RunLauncher;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.emulator.stream.event.EventSink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A launcher for tests: records launches and control calls, hands the event sink to the test. */
public final class RecordingLauncher implements RunLauncher {
    public final List<Scenario> launched = new CopyOnWriteArrayList<>();
    public final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    public final List<String> controls = new CopyOnWriteArrayList<>();
    private final List<Exception> failures = new ArrayList<>();

    /** The next launch throws {@code e}. */
    public RecordingLauncher failNextWith(Exception e) {
        failures.add(e);
        return this;
    }

    @Override public String description() { return "test launcher"; }

    @Override
    public RunControl launch(Scenario scenario, RunModel events) throws Exception {
        launched.add(scenario);
        if (!failures.isEmpty()) throw failures.removeFirst();
        sinks.add(events);
        return new RunControl() {
            @Override public void pause() { controls.add("pause"); }
            @Override public void resume() { controls.add("resume"); }
            @Override public void step() { controls.add("step"); }
            @Override public void stepBy(long virtualNanos) { controls.add("stepBy " + virtualNanos); }
            @Override public void stop() { controls.add("stop"); }
        };
    }
}
