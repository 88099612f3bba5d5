package dev.chronoscope.app.runs.emulate;

import dev.chronoscope.app.runs.RunControl;
import dev.chronoscope.app.runs.RunLauncher;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.sink.LiveDetail;
import dev.chronoscope.emulator.stream.sink.StreamListener;
import dev.chronoscope.emulator.stream.sink.StreamServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each scenario as {@code chronoscope emulate} in a child JVM (which starts the engine JVM
 * with the interposer agent), one run folder per run under {@code runsDir}. The agent streams every
 * event live to a {@link StreamServer} of this run ({@link LiveDetail#ALL}: the timeline shows
 * every kernel) while it writes the folder, and obeys the run's {@link ControlConnection}. The
 * child's output goes to the run's console; a child that ends without a complete stream fails the
 * run with its exit status and last lines.
 */
public final class EmulateRunLauncher implements RunLauncher, AutoCloseable {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int LAST_LINES = 12;

    private final ChronoscopeHome home;
    private final Path runsDir;
    private final AtomicInteger launched = new AtomicInteger();
    private final Set<Process> children = ConcurrentHashMap.newKeySet();

    public EmulateRunLauncher(ChronoscopeHome home, Path runsDir) {
        this.home = home;
        this.runsDir = runsDir.toAbsolutePath();
    }

    @Override
    public String description() {
        return "chronoscope emulate (engine + interposer agent), run folders in " + runsDir;
    }

    public Path runsDir() { return runsDir; }

    @Override
    public RunControl launch(Scenario scenario, RunModel run) throws IOException {
        Files.createDirectories(runsDir);
        Path folder = runsDir.resolve(FOLDER_TIME.format(LocalDateTime.now()) + "-" + launched.incrementAndGet() + "-"
                + scenario.model() + "-" + scenario.gpu());
        run.folder(folder);
        LiveStream live = new LiveStream(run);
        StreamServer server = StreamServer.start(LiveDetail.ALL, live);
        ControlConnection control = ControlConnection.open(run);
        List<String> args = new ArrayList<>(scenario.toEmulateArgs());
        args.addAll(List.of("--out", folder.toString(), "--live-port", String.valueOf(server.port()),
                "--control-port", String.valueOf(control.port())));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(home.emulateCommand(args)).redirectErrorStream(true);
            builder.environment().put("CHRONOSCOPE_CONTROL_TOKEN", control.token());
            run.console().append("$ chronoscope emulate " + String.join(" ", args));
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            control.close();
            throw e;
        }
        children.add(process);
        Thread.ofPlatform().daemon().name("emulate-" + process.pid())
                .start(() -> watch(process, run, live, server, control));
        return new EmulateRunControl(control, process, run);
    }

    /** Copies the child's output to the console; when it exits, says how the run ended if the stream did not. */
    private void watch(Process process, RunModel run, LiveStream live, StreamServer server, ControlConnection control) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) run.console().append(line);
        } catch (IOException e) {
            run.console().append("(lost the output of chronoscope emulate: " + e.getMessage() + ")");
        }
        try {
            int status = process.waitFor();
            control.childEnded();
            if (live.connected()) live.done().get(30, TimeUnit.SECONDS);
            String ending = live.ending();
            if (ending == null) {
                run.fail("chronoscope emulate (pid " + process.pid() + ") exited with status " + status
                        + (live.connected() ? " before its stream ended" : " before the run started") + ": " + lastLines(run));
            } else if (ending.equals("ok") && status != 0) {
                run.fail("the emulation ended but chronoscope emulate exited with status " + status + ": " + lastLines(run));
            }
            run.console().append("(chronoscope emulate exited with status " + status + ")");
        } catch (Exception e) {
            run.fail("lost track of chronoscope emulate (pid " + process.pid() + "): " + e);
        } finally {
            children.remove(process);
            server.close();
            control.close();
        }
    }

    private static String lastLines(RunModel run) {
        List<String> tail = run.console().tail(LAST_LINES).stream()
                .filter(l -> !l.startsWith("$ ") && !l.startsWith("WARNING:") && !l.isBlank()).toList();
        return tail.isEmpty() ? "(no output)" : String.join("\n", tail);
    }

    /** Ends every child still running (the workbench is closing); each takes its engine JVM with it. */
    @Override
    public void close() {
        for (Process p : children) p.destroy();
    }

    /** Feeds the live stream into the run's model and remembers how the stream ended. */
    private static final class LiveStream implements StreamListener {
        private final RunModel run;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile boolean connected;
        private volatile String ending;

        LiveStream(RunModel run) { this.run = run; }

        boolean connected() { return connected; }

        CompletableFuture<Void> done() { return done; }

        /** The stream's RunEnd status, or null when none arrived. */
        String ending() { return ending; }

        @Override
        public void onEvent(String source, StreamEvent event) {
            connected = true;
            run.accept(event);
            if (event instanceof StreamEvent.RunEnd end) ending = end.status();
        }

        @Override
        public void onEnd(String source) {
            done.complete(null);
        }

        @Override
        public void onError(String source, RuntimeException error) {
            run.console().append("(the live stream broke: " + error.getMessage() + ")");
            done.complete(null);
        }
    }

    /** Pause, resume, step and stop over the control connection; stop falls back to ending the process. */
    private record EmulateRunControl(ControlConnection control, Process process, RunModel run) implements RunControl {
        @Override public void pause() throws IOException, InterruptedException {
            if (run.heldAt() < 0) control.commandAndAwaitHold("pause");
        }

        @Override public void resume() throws IOException, InterruptedException {
            run.held(-1);
            control.command("resume");
        }

        @Override public void step() throws IOException, InterruptedException {
            control.commandAndAwaitHold("step");
        }

        @Override public void stepBy(long virtualNanos) throws IOException, InterruptedException {
            control.commandAndAwaitHold("run-for " + virtualNanos);
        }

        @Override public void stop() throws InterruptedException {
            if (control.isConnected()) {
                try {
                    control.command("stop");
                    if (process.waitFor(30, TimeUnit.SECONDS)) return;
                } catch (IOException e) {
                    // The connection is gone: end the process instead.
                }
            }
            process.destroy();
        }
    }
}
