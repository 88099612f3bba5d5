package dev.chronoscope.agent.control;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.time.Emulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The workbench's control connection ({@code control=PORT}): the agent connects to 127.0.0.1:PORT,
 * proves it is the run the workbench launched with the token from the environment variable
 * {@value #TOKEN_VARIABLE} (an environment variable, not an option: other users can read a
 * process's command line, not its environment), then obeys line commands:
 * <pre>
 * app → agent   pause | resume | run-for NANOS | step | stop
 * agent → app   hello TOKEN        once, first
 *               ok COMMAND         a command was applied
 *               error MESSAGE      a command was not understood
 *               held NANOS         the emulation holds at this virtual time (after pause, run-for, step)
 * </pre>
 * On each hold the stream is flushed first, so a live view shows everything up to the instant held.
 */
public final class ControlChannel {
    public static final String TOKEN_VARIABLE = "CHRONOSCOPE_CONTROL_TOKEN";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** Orders an "ok" before the holds its command causes. */
    private final Object replyOrder = new Object();
    private final Socket socket;
    private final Writer out;
    private final RunController controller;
    /** Lines go out in order from one thread: the carrier must never wait on the socket. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("chronoscope-control-send").unstarted(r));

    private ControlChannel(Socket socket, RunController controller) throws IOException {
        this.socket = socket;
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        this.controller = controller;
    }

    /**
     * Connects and starts obeying; {@code stream} is flushed whenever the emulation holds. Fails (the
     * agent then stops the JVM with the message) when the port does not answer or the token is missing.
     */
    public static void connect(int port, Emulation emulation, EventSink stream) {
        String token = System.getenv(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("control=" + port + " needs the run's token in the environment variable " + TOKEN_VARIABLE);
        }
        connect(port, token, emulation, stream);
    }

    static void connect(int port, String token, Emulation emulation, EventSink stream) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            RunController controller = new RunController(emulation);
            ControlChannel channel = new ControlChannel(socket, controller);
            RunController.install(controller);
            emulation.onHold(time -> {
                synchronized (channel.replyOrder) {
                    stream.flush();
                    channel.send("held " + time);
                }
            });
            channel.send("hello " + token);
            Thread.ofPlatform().daemon().name("chronoscope-control").start(channel::obey);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot reach the workbench's control port 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    private void obey() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String command = line.strip();
                Runnable action = parse(command);
                if (action == null) continue;
                if (command.toLowerCase(Locale.ROOT).startsWith("stop")) {
                    // Stopping waits for the carrier, which may be announcing a hold: reply first.
                    send("ok " + command);
                    action.run();
                    continue;
                }
                // The command has acted when its "ok" is read, and a hold it causes is announced after
                // the "ok": holds are announced under the same lock (the actions only set a limit).
                synchronized (replyOrder) {
                    action.run();
                    send("ok " + command);
                }
            }
        } catch (IOException e) {
            // The workbench went away: the run goes on uncontrolled, its folder complete.
        }
    }

    /** The command's action; null after replying with an error. */
    private Runnable parse(String command) {
        String[] words = command.split("\\s+");
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "pause": return controller::pause;
            case "resume": return controller::resume;
            case "step": return controller::stepEngine;
            case "stop": return controller::stop;
            case "run-for": {
                if (words.length != 2) return refuse("run-for needs one argument, virtual nanoseconds: '" + command + "'");
                long nanos;
                try {
                    nanos = Long.parseLong(words[1]);
                } catch (NumberFormatException e) {
                    return refuse("run-for needs a whole number of nanoseconds, got '" + words[1] + "'");
                }
                if (nanos <= 0) return refuse("run-for needs a positive duration, got " + nanos);
                return () -> controller.runFor(nanos);
            }
            default: return refuse("unknown command '" + command + "'; known: pause, resume, run-for NANOS, step, stop");
        }
    }

    private Runnable refuse(String why) {
        send("error " + why);
        return null;
    }

    private void send(String line) {
        sender.execute(() -> {
            try {
                out.write(line + "\n");
                out.flush();
            } catch (IOException e) {
                // The workbench went away; nothing left to tell.
            }
        });
    }
}
