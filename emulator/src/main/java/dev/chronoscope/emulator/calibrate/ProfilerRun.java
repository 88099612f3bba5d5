package dev.chronoscope.emulator.calibrate;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the engine's profilers as child JVMs, one after the other, and copies the sample CSV each
 * streams on standard output into one file, reporting each row as it arrives. Each stream is
 * framed by {@code # plan: N rows} and {@code # end: N rows}; a child that exits non-zero, or
 * stops before its end line, fails the run with a message that names it, its exit status and the
 * last lines of its error output.
 */
final class ProfilerRun {
    /** Features shown in progress lines: the ones that vary across a grid. */
    private static final List<String> SHOWN = List.of("num_tokens", "n_embd", "tp", "batch_size", "sum_kv", "size", "num_workers");
    private static final int STDERR_TAIL = 12;
    private static final String PLAN = "# plan: ", END = "# end: ";

    private final ProfilerLauncher launcher;
    private final CalibrationListener listener;
    private int done;
    private int total;

    ProfilerRun(ProfilerLauncher launcher, CalibrationListener listener) {
        this.launcher = launcher;
        this.listener = listener;
    }

    /** Runs every invocation and writes all their samples to {@code csv}; returns the number of rows. */
    int run(List<CalibrationGrid.Invocation> invocations, Path csv) {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            String header = null;
            for (CalibrationGrid.Invocation inv : invocations) header = runOne(inv, out, header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the profilers' samples to " + csv + ": " + e.getMessage(), e);
        }
        return done;
    }

    /** What has been read from one child. */
    private static final class ReadState {
        int planned = -1;
        int rows;
        boolean ended;
        List<String> header;
    }

    private String runOne(CalibrationGrid.Invocation inv, BufferedWriter out, String header) throws IOException {
        List<String> command = launcher.command(inv.mainClass(), inv.arguments());
        Process child;
        try {
            child = new ProcessBuilder(command).start();
            child.getOutputStream().close();
        } catch (IOException e) {
            throw new CalibrationException("cannot start the profiler " + inv.mainClass() + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
        Thread killOnExit = new Thread(child::destroyForcibly, "calibrate-stop-profiler");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Deque<String> errors = new ArrayDeque<>();
        Thread errorReader = Thread.ofPlatform().daemon().name("calibrate-profiler-stderr").start(() -> keepTail(child, errors));
        ReadState state = new ReadState();
        try {
            header = read(child, out, state, header);
            waitFor(child);
            errorReader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationException("calibration interrupted; the models store was not changed", e);
        } finally {
            if (child.isAlive()) child.destroyForcibly();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: the child is being stopped either way.
            }
        }
        int code = child.exitValue();
        if (code != 0 || !state.ended || state.rows != state.planned) {
            throw new CalibrationException(describeFailure(inv.mainClass(), child.pid(), code, state, tail(errors)));
        }
        return header;
    }

    private String read(Process child, BufferedWriter out, ReadState s, String header) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(PLAN)) {
                    s.planned = leadingInt(line.substring(PLAN.length()));
                    total += s.planned;
                    listener.planned(s.planned, afterFirstComma(line));
                } else if (line.startsWith(END)) {
                    s.ended = true;
                } else if (line.startsWith("#") || line.isBlank()) {
                    continue;
                } else if (s.header == null) {
                    s.header = Arrays.asList(line.split(",", -1));
                    if (header == null) {
                        header = line;
                        out.write(line);
                        out.newLine();
                    } else if (!header.equals(line)) {
                        throw new CalibrationException("the profilers wrote different sample columns:\n  " + header + "\n  " + line);
                    }
                } else {
                    out.write(line);
                    out.newLine();
                    s.rows++;
                    done++;
                    report(s, line);
                }
            }
        }
        return header;
    }

    private void report(ReadState s, String line) {
        String[] cells = line.split(",", -1);
        StringBuilder shape = new StringBuilder();
        for (String f : SHOWN) {
            int i = s.header.indexOf(f);
            if (i >= 0 && i < cells.length && !cells[i].isEmpty()) shape.append(shape.isEmpty() ? "" : " ").append(f).append('=').append(cells[i]);
        }
        double nanos;
        try {
            nanos = Double.parseDouble(cells[s.header.indexOf("duration_ns")]);
        } catch (RuntimeException e) {
            nanos = Double.NaN;
        }
        listener.measured(done, Math.max(total, done), cells[0], shape.toString(), nanos);
    }

    private static void waitFor(Process child) throws InterruptedException {
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    private static void keepTail(Process child, Deque<String> tail) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                // Stack frames would push the exception's message out of the tail; the message names the problem.
                if (line.startsWith("WARNING: Using incubator modules") || line.startsWith("\tat ") || line.startsWith("\t... ")) continue;
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL) tail.removeFirst();
                }
            }
        } catch (IOException e) {
            synchronized (tail) {
                tail.addLast("(cannot read the profiler's error output: " + e.getMessage() + ")");
            }
        }
    }

    private static List<String> tail(Deque<String> tail) {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    private static String describeFailure(String mainClass, long pid, int code, ReadState s, List<String> stderr) {
        String progress = s.planned < 0 ? "before planning any shape" : "after " + s.rows + " of " + s.planned + " shapes";
        String status;
        if (code > 128 && code < 160) status = "was killed by signal " + (code - 128) + (code == 137 ? " (SIGKILL: out of memory or killed)" : "");
        else if (code != 0) status = "failed with exit code " + code;
        else status = "exited before finishing its plan";
        StringBuilder m = new StringBuilder("the profiler " + mainClass + " (pid " + pid + ") " + status + " " + progress
                + "; the models store was not changed.");
        if (!stderr.isEmpty()) m.append(" Its last error output:\n  ").append(String.join("\n  ", stderr));
        return m.toString();
    }

    private static int leadingInt(String s) {
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
        if (end == 0) throw new CalibrationException("the profiler's plan line is not understood: '" + PLAN + s + "'");
        return Integer.parseInt(s.substring(0, end));
    }

    private static String afterFirstComma(String line) {
        int i = line.indexOf(',');
        return i < 0 ? "" : line.substring(i + 1).trim();
    }
}
