package dev.chronoscope.emulator.coord.server;

import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.CoordinatorOptions;
import dev.chronoscope.emulator.coord.CoordinatorStatus;
import dev.chronoscope.emulator.coord.JoinEnvironment;
import dev.chronoscope.emulator.coord.RunResult;
import dev.chronoscope.emulator.coord.wire.Message;
import dev.chronoscope.emulator.coord.wire.ProtocolException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The coordination server of one run (DESIGN §10, docs/coordination.md): listens on 127.0.0.1, admits
 * clients that present the run's random token, and keeps their virtual clocks causal. Start it, hand
 * {@link #port()} and {@link #token()} to the emulated processes, then {@link #awaitCompletion()}.
 */
public final class Coordinator implements AutoCloseable {

    private final CoordinatorOptions options;
    private final ServerSocket server;
    private final String token;
    private final RunState state;
    private final Map<Integer, ClientSession> sessionsById = new HashMap<>();
    private final Set<ClientSession> sessions = new HashSet<>();
    private final ScheduledExecutorService timer;
    private int connections;

    private Coordinator(CoordinatorOptions options, ServerSocket server, String token) {
        this.options = options;
        this.server = server;
        this.token = token;
        this.state = new RunState(options, token, System.currentTimeMillis(), this::sendTo, System::nanoTime);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("coord-timer-" + server.getLocalPort()).factory());
    }

    /** Binds 127.0.0.1 (on {@code options.port()}, 0 for any free port) and starts accepting clients. */
    public static Coordinator start(CoordinatorOptions options) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        Coordinator coordinator = new Coordinator(options, server, HexFormat.of().formatHex(secret));
        coordinator.begin();
        return coordinator;
    }

    private void begin() {
        state.outcome().whenComplete((result, failure) -> shutDown());
        long period = options.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        Thread.ofPlatform().daemon().name("coord-accept-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The run's secret: 32 hex digits from SecureRandom; clients must present it in HELLO. */
    public String token() {
        return token;
    }

    public CoordinatorStatus status() {
        synchronized (state) {
            return state.status();
        }
    }

    /** Waits for every client's GOODBYE; throws {@link CoordinationFailure} naming the cause if the run failed. */
    public RunResult awaitCompletion() throws InterruptedException {
        try {
            return state.outcome().get();
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
    }

    /** As {@link #awaitCompletion()}, bounded. */
    public RunResult awaitCompletion(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return state.outcome().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
    }

    private static CoordinationFailure rethrown(ExecutionException e) {
        return new CoordinationFailure(e.getCause().getMessage(), e.getCause());
    }

    /** Fails the run if it is still going (clients get an ERROR) and releases the port. */
    @Override
    public void close() {
        synchronized (state) {
            state.fail("the coordinator was closed before the run ended", null);
        }
        shutDown();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    synchronized (state) {
                        state.fail("the coordinator stopped accepting connections: " + e.getMessage(), null);
                    }
                }
                return;
            }
            admitConnection(socket);
        }
    }

    /** A connection that breaks before it is set up concerns only itself, not the run. */
    private void admitConnection(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) options.clientTimeout().toMillis());
            ClientSession session = new ClientSession(socket, options.maxFrameBytes(), new SessionEvents());
            synchronized (state) {
                if (state.outcome().isDone()) {
                    socket.close();
                    return;
                }
                sessions.add(session);
                connections++;
                session.start("coord-session-" + port() + "-" + connections);
            }
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // The connection is dropped either way.
            }
        }
    }

    /** What a launcher puts in the environment of the process that will be client {@code clientId}. */
    public JoinEnvironment joinEnvironment(int clientId, String name) {
        return new JoinEnvironment("127.0.0.1", port(), token, clientId, name);
    }

    private void tick() {
        synchronized (state) {
            state.liveClientIds().forEach(id -> sendTo(id, new Message.Heartbeat()));
            state.checkDeadlines();
        }
    }

    private void sendTo(int clientId, Message message) {
        ClientSession session = sessionsById.get(clientId);
        if (session != null) {
            session.send(message);
        }
    }

    private void shutDown() {
        timer.shutdown();
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
        synchronized (state) {
            sessions.forEach(ClientSession::closeAfterFlush);
        }
    }

    /** Session callbacks, serialised on the run state's monitor. */
    private final class SessionEvents implements ClientSession.Events {

        @Override
        public void onMessage(ClientSession session, Message message) throws ProtocolException {
            synchronized (state) {
                if (session.clientId() < 0) {
                    admit(session, message);
                    return;
                }
                try {
                    dispatch(session.clientId(), message);
                } catch (RuntimeException e) {
                    // A bug or a failing cost model must end the run with a reason, not kill this thread.
                    state.fail("the coordinator failed while handling " + message.type() + " from client "
                            + state.ref(session.clientId()) + ": " + e, null);
                }
            }
        }

        private void dispatch(int id, Message message) throws ProtocolException {
            switch (message) {
                case Message.Blocked m -> state.blocked(id, m);
                case Message.Sent m -> state.sent(id, m);
                case Message.Received m -> state.received(id, m);
                case Message.CollectiveArrive m -> state.collectiveArrived(id, m);
                case Message.Goodbye m -> state.goodbye(id, m);
                case Message.Heartbeat m -> { }
                case Message.Error m -> state.clientFailed(id, "reported an error: " + m.message());
                default -> throw new ProtocolException(message.type() + " sent twice");
            }
        }

        private void admit(ClientSession session, Message message) throws ProtocolException {
            if (!(message instanceof Message.Hello hello)) {
                throw new ProtocolException("expected HELLO first, got " + message.type());
            }
            Message reply = state.register(hello);
            if (reply instanceof Message.Welcome welcome) {
                session.registeredAs(welcome.clientId());
                sessionsById.put(welcome.clientId(), session);
                session.send(welcome);
            } else {
                session.send(reply);
                session.closeAfterFlush();
            }
        }

        @Override
        public void onBadFrame(ClientSession session, String problem) {
            synchronized (state) {
                if (isLiveClient(session)) {
                    state.clientFailed(session.clientId(), "sent a bad frame: " + problem);
                } else {
                    session.send(new Message.Error(problem, null));
                }
                session.closeAfterFlush();
            }
        }

        @Override
        public void onSilence(ClientSession session) {
            synchronized (state) {
                if (isLiveClient(session)) {
                    state.clientFailed(session.clientId(), "sent nothing for " + options.clientTimeout().toMillis()
                            + " ms (no HEARTBEAT): it stopped answering");
                }
                session.closeAfterFlush();
            }
        }

        @Override
        public void onDisconnect(ClientSession session, String how) {
            synchronized (state) {
                if (isLiveClient(session)) {
                    state.clientFailed(session.clientId(), how + " without GOODBYE");
                }
                session.closeAfterFlush();
            }
        }

        private boolean isLiveClient(ClientSession session) {
            return session.clientId() >= 0 && !state.hasFinished(session.clientId());
        }
    }
}
