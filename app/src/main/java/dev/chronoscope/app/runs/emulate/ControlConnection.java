package dev.chronoscope.app.runs.emulate;

import dev.chronoscope.app.runs.RunModel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The workbench's end of a run's control connection (the agent's {@code control=PORT}, protocol in
 * docs/workbench.md): listens on 127.0.0.1, accepts the one connection that opens with the run's
 * random token, sends line commands and waits for their replies and hold points. Hold points also
 * go to the run's model.
 */
final class ControlConnection implements AutoCloseable {
    private static final Duration CONNECT_LIMIT = Duration.ofMinutes(2);
    private static final Duration HOLD_LIMIT = Duration.ofMinutes(10);
    /** Queued when the connection ends: nothing more will arrive. */
    private static final String CLOSED = "closed";
    private static final long NO_HOLD = Long.MIN_VALUE;

    private final ServerSocket server;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final RunModel run;
    private final CompletableFuture<PrintWriter> connected = new CompletableFuture<>();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> holds = new LinkedBlockingQueue<>();

    private ControlConnection(ServerSocket server, RunModel run) {
        this.server = server;
        this.run = run;
        Thread.ofPlatform().daemon().name("control-accept-" + server.getLocalPort()).start(this::accept);
    }

    static ControlConnection open(RunModel run) {
        try {
            return new ControlConnection(new ServerSocket(0, 4, InetAddress.getLoopbackAddress()), run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1 for run control: " + e.getMessage(), e);
        }
    }

    int port() { return server.getLocalPort(); }

    /** The secret the child must present; it travels in the child's environment, never its command line. */
    String token() { return token; }

    boolean isConnected() { return connected.isDone() && !connected.isCompletedExceptionally(); }

    /** Accepts connections until one presents the token; others are closed unanswered. */
    private void accept() {
        while (!connected.isDone()) {
            try {
                Socket socket = server.accept();
                socket.setSoTimeout((int) CONNECT_LIMIT.toMillis());
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                if (!("hello " + token).equals(in.readLine())) {
                    socket.close();
                    continue;
                }
                socket.setSoTimeout(0);
                connected.complete(new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8));
                read(in);
            } catch (IOException e) {
                connected.completeExceptionally(e);
            }
        }
    }

    private void read(BufferedReader in) {
        try (in) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("held ")) {
                    long time = Long.parseLong(line.substring(5).strip());
                    run.held(time);
                    holds.add(time);
                } else {
                    replies.add(line);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The connection ended or the child misbehaved: either way no more commands reach it.
        } finally {
            replies.add(CLOSED);
            holds.add(NO_HOLD);
        }
    }

    /** The child ended (or never started): waiting callers stop waiting. */
    void childEnded() {
        connected.completeExceptionally(new IllegalStateException("the run has ended"));
        replies.add(CLOSED);
        holds.add(NO_HOLD);
    }

    /** Sends {@code command} and returns once the agent applied it. */
    void command(String command) throws IOException, InterruptedException {
        PrintWriter out;
        try {
            out = connected.get(CONNECT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the run is not under control: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the run did not open its control connection within " + CONNECT_LIMIT.toSeconds() + " s");
        }
        holds.clear();
        out.println(command);
        String reply = replies.poll(CONNECT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (reply == null) throw new IOException("no reply to '" + command + "' within " + CONNECT_LIMIT.toSeconds() + " s");
        if (reply.equals(CLOSED)) {
            replies.add(CLOSED);
            throw new IOException("the run has ended");
        }
        if (!reply.equals("ok " + command)) throw new IOException("the run refused '" + command + "': " + reply);
    }

    /** Sends a command that makes the run hold and returns the virtual time it holds at, or -1 if it ended first. */
    long commandAndAwaitHold(String command) throws IOException, InterruptedException {
        command(command);
        Long time = holds.poll(HOLD_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (time == null) throw new IOException("the run did not hold within " + HOLD_LIMIT.toMinutes() + " min of '" + command + "'");
        return time == NO_HOLD ? -1 : time;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connected.thenAccept(PrintWriter::close);
    }
}
