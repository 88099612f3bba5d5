package dev.chronoscope.app.runs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The text a run's producer printed (a child process's output: progress lines, the result block,
 * errors), newest last. Keeps the last {@value #MAX_LINES} lines; any thread may append.
 */
public final class RunConsole {
    static final int MAX_LINES = 2_000;
    private final Deque<String> lines = new ArrayDeque<>();
    private volatile long version;

    public synchronized void append(String line) {
        if (lines.size() == MAX_LINES) lines.removeFirst();
        lines.addLast(line);
        version++;
    }

    public synchronized List<String> lines() { return List.copyOf(lines); }

    /** The last {@code n} lines. */
    public synchronized List<String> tail(int n) {
        List<String> all = List.copyOf(lines);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** Increases with every line. */
    public long version() { return version; }
}
