package dev.chronoscope.engine.profiling;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Measures a plan of shapes and writes the project's sample CSV ({@link SampleCsv}), one row per
 * shape with the median duration, flushed as each row is measured. On standard output the CSV is
 * framed by two comment lines, {@code # plan: N rows, …} first and {@code # end: N rows} last, so
 * a reader can show progress and tell a finished profile from one cut short. Shapes run in a
 * seeded random order: slow drift of a shared machine then spreads over all shapes instead of
 * biasing the large ones, and the running time per row estimates the time left.
 */
public final class ProfileRunner {
    private static final long WARM_UP_PER_KERNEL_NANOS = 30_000_000;

    private ProfileRunner() {}

    /** Runs {@code plan} as {@code options} say; {@code about} describes the setup on the plan line. */
    public static void run(List<ProfileCase> plan, ProfileOptions options, String about) throws IOException {
        List<ProfileCase> order = new ArrayList<>(plan);
        Collections.shuffle(order, new Random(options.seed));
        RepeatTimer timer = options.timer();
        if (options.out == null) {
            PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            stdout.println("# plan: " + order.size() + " rows, " + about);
            stdout.flush();
            measure(order, timer, options.source, stdout);
            stdout.println("# end: " + order.size() + " rows");
            stdout.flush();
            return;
        }
        Path dir = options.out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, options.out.getFileName().toString(), ".tmp");
        try (PrintStream p = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
            measure(order, timer, options.source, p);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, options.out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void measure(List<ProfileCase> plan, RepeatTimer timer, String source, PrintStream sink) throws IOException {
        warmUp(plan);
        sink.println(SampleCsv.header());
        for (ProfileCase c : plan) {
            long nanos = timer.medianNanos(c.work().get());
            sink.println(SampleCsv.row(c.kernel(), nanos, source, c.features()));
            sink.flush();
            // PrintStream swallows write errors: a reader that went away (calibrate stopped) ends the run here.
            if (sink.checkError()) throw new IOException("the sample stream was closed by its reader");
        }
    }

    /**
     * Runs the smallest shape of every kernel for a while before anything is timed, so the JIT has
     * compiled the shared inner loops and the first shapes of the shuffled plan are not measured
     * in the interpreter.
     */
    private static void warmUp(List<ProfileCase> plan) {
        Map<String, ProfileCase> smallest = new TreeMap<>();
        for (ProfileCase c : plan) smallest.merge(c.kernel(), c, (a, b) -> weight(b) < weight(a) ? b : a);
        RepeatTimer warm = new RepeatTimer(WARM_UP_PER_KERNEL_NANOS, 1, 1, 0);
        for (ProfileCase c : smallest.values()) warm.medianNanos(c.work().get());
    }

    private static long weight(ProfileCase c) {
        return c.features().values().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * Math.max(1, b));
    }

    /** Exit status 2 and the message, for bad options found after parsing. */
    public static int usageError(picocli.CommandLine cmd, String name, Exception e) throws Exception {
        if (!(e instanceof IllegalArgumentException)) throw e;
        cmd.getErr().println(name + ": " + e.getMessage());
        return 2;
    }
}
