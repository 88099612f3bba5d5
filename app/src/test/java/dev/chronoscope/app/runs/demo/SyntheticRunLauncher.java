package dev.chronoscope.app.runs.demo;

import dev.chronoscope.app.runs.RunControl;
import dev.chronoscope.app.runs.RunLauncher;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

/**
 * DEMO DATA: launches a {@link SyntheticRun} on a thread of its own, paced so that virtual time
 * runs {@code speed} times faster than wall time, with pause, resume, single step and stop.
 */
public final class SyntheticRunLauncher implements RunLauncher {
    private final double speed;

    /** @param speed virtual seconds per wall second to pace the feed at */
    public SyntheticRunLauncher(double speed) {
        this.speed = speed;
    }

    @Override
    public String description() {
        return "demo data (synthetic events, not an emulation)";
    }

    @Override
    public RunControl launch(Scenario scenario, RunModel events) {
        PacedGate gate = new PacedGate(speed);
        SyntheticRun run = new SyntheticRun(scenario, Long.MAX_VALUE);
        Thread t = new Thread(() -> {
            try {
                run.run(events, gate);
            } catch (InterruptedException e) {
                events.accept(new StreamEvent.RunEnd(0, "error", "demo feed interrupted"));
            } catch (RuntimeException e) {
                events.accept(new StreamEvent.RunEnd(0, "error", "demo feed failed: " + e));
            }
        }, "demo-feed-" + scenario.seed());
        t.setDaemon(true);
        t.start();
        return gate;
    }

    /** Pause/step/stop state shared by the feed thread and the controls. */
    private static final class PacedGate implements StepGate, RunControl {
        private final double speed;
        private final long wallStart = System.nanoTime();
        private long pausedNanos;
        private long pausedAt = -1;
        private int stepsAllowed;
        private boolean stopped;

        PacedGate(double speed) { this.speed = speed; }

        @Override
        public synchronized boolean awaitStep(long virtualNanos) throws InterruptedException {
            while (!stopped) {
                if (pausedAt >= 0) {
                    if (stepsAllowed > 0) {
                        stepsAllowed--;
                        return true;
                    }
                    wait();
                    continue;
                }
                long due = wallStart + pausedNanos + (long) (virtualNanos / speed);
                long wait = due - System.nanoTime();
                if (wait <= 0) return true;
                wait(Math.max(1, wait / 1_000_000));
            }
            return false;
        }

        @Override public synchronized void pause() {
            if (pausedAt < 0) pausedAt = System.nanoTime();
        }

        @Override public synchronized void resume() {
            if (pausedAt >= 0) pausedNanos += System.nanoTime() - pausedAt;
            pausedAt = -1;
            notifyAll();
        }

        @Override public synchronized void step() {
            if (pausedAt < 0) pause();
            stepsAllowed++;
            notifyAll();
        }

        /** The demo feed has no clock to stop at: a virtual-time step is one engine step. */
        @Override public synchronized void stepBy(long virtualNanos) {
            step();
        }

        @Override public synchronized void stop() {
            stopped = true;
            notifyAll();
        }
    }
}
