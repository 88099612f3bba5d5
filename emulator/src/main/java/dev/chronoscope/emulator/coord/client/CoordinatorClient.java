package dev.chronoscope.emulator.coord.client;

import dev.chronoscope.emulator.coord.CollectiveArrival;
import dev.chronoscope.emulator.coord.CollectiveTiming;
import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.GlobalTimeCoordinator;
import dev.chronoscope.emulator.coord.wire.FrameReader;
import dev.chronoscope.emulator.coord.wire.FrameWriter;
import dev.chronoscope.emulator.coord.wire.Message;
import dev.chronoscope.emulator.coord.wire.MessageCodec;
import dev.chronoscope.emulator.coord.wire.ProtocolException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The JVM side of the coordination protocol for one emulated process: registers, reports when the
 * process is blocked, waits for grants, accounts for inter-process messages and joins collectives.
 * A reader thread handles the coordinator's frames; a heartbeat thread proves this process alive.
 * Locking rule: do not hold a lock that the wake-up supplier needs while calling this client.
 */
public final class CoordinatorClient implements GlobalTimeCoordinator {

    private static final int MAX_FRAME_BYTES = 1 << 20;

    private record CollectiveKey(String group, long seq, int rank) {}

    private record GroupRank(String group, int rank) {}

    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Message.Welcome welcome;
    private final String peer;
    private final ScheduledExecutorService heartbeat;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<CollectiveKey, CompletableFuture<CollectiveTiming>> collectives = new HashMap<>();
    private final Map<GroupRank, Long> nextCollectiveSeq = new HashMap<>();
    private boolean blocked;
    private LongSupplier wakeSupplier;
    private long grantedTime = -1;
    private long seen;
    private boolean finished;
    private CoordinationFailure failure;

    private CoordinatorClient(Socket socket, FrameReader reader, FrameWriter writer, Message.Welcome welcome, String peer) {
        this.socket = socket;
        this.reader = reader;
        this.writer = writer;
        this.welcome = welcome;
        this.peer = peer;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("coord-client-heartbeat-" + welcome.clientId()).factory());
    }

    /** Connects and registers; throws {@link CoordinationFailure} with the coordinator's reason if refused. */
    public static CoordinatorClient connect(ClientOptions options) throws IOException {
        String peer = "coordinator at " + options.host() + ":" + options.port();
        Socket socket = new Socket();
        try {
            int timeoutMillis = (int) options.connectTimeout().toMillis();
            socket.connect(new InetSocketAddress(options.host(), options.port()), timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            FrameReader reader = new FrameReader(socket.getInputStream(), MAX_FRAME_BYTES);
            FrameWriter writer = new FrameWriter(socket.getOutputStream());
            writer.write(MessageCodec.encode(new Message.Hello(List.of(1), options.token(), options.name(),
                    options.pid(), options.requestedId())));
            Message reply = readReply(reader, peer);
            switch (reply) {
                case Message.Welcome welcome -> {
                    socket.setSoTimeout((int) welcome.timeoutMillis());
                    CoordinatorClient client = new CoordinatorClient(socket, reader, writer, welcome, peer);
                    client.begin(options.name());
                    return client;
                }
                case Message.Refused refused -> throw new CoordinationFailure(peer + " refused '" + options.name()
                        + "': " + refused.reason());
                case Message.Error error -> throw new CoordinationFailure(peer + ": " + error.message());
                default -> throw new CoordinationFailure(peer + " answered HELLO with " + reply.type());
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Message readReply(FrameReader reader, String peer) throws IOException {
        try {
            byte[] payload = reader.read();
            if (payload == null) {
                throw new CoordinationFailure(peer + " closed the connection before answering HELLO");
            }
            return MessageCodec.decode(payload);
        } catch (ProtocolException e) {
            throw new CoordinationFailure(peer + " sent a bad frame: " + e.getMessage(), e);
        }
    }

    private void begin(String name) {
        long period = welcome.heartbeatMillis();
        heartbeat.scheduleAtFixedRate(this::sendHeartbeat, period, period, TimeUnit.MILLISECONDS);
        Thread.ofPlatform().daemon().name("coord-client-" + name).start(this::readLoop);
    }

    /** Id the coordinator assigned; the tie-breaker of deterministic mode. */
    public int clientId() {
        return welcome.clientId();
    }

    /** Protocol version agreed in WELCOME. */
    public int protocolVersion() {
        return welcome.version();
    }

    @Override
    public long awaitGrant(LongSupplier earliestWakeUp) throws InterruptedException {
        lock.lock();
        try {
            throwIfFailed();
            if (blocked) {
                throw new IllegalStateException("awaitGrant is already waiting in another thread: one scheduler thread per process calls it");
            }
            return blockUntilGranted(earliestWakeUp);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private long blockUntilGranted(LongSupplier earliestWakeUp) throws InterruptedException {
        blocked = true;
        wakeSupplier = earliestWakeUp;
        grantedTime = -1;
        try {
            send(new Message.Blocked(earliestWakeUp.getAsLong(), seen));
            while (grantedTime < 0 && failure == null) {
                changed.await();
            }
            throwIfFailed();
            return grantedTime;
        } finally {
            blocked = false;
            wakeSupplier = null;
        }
    }

    /** Convenience for a process whose earliest wake-up cannot change while it waits. */
    public long awaitGrant(long earliestWakeUp) throws InterruptedException {
        return awaitGrant(() -> earliestWakeUp);
    }

    @Override
    public void sent(String channel, long seq) {
        lock.lock();
        try {
            throwIfFailed();
            send(new Message.Sent(channel, seq));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void received(String channel, long seq) {
        lock.lock();
        try {
            throwIfFailed();
            send(new Message.Received(channel, seq));
            reReportIfBlocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<CollectiveTiming> arrive(CollectiveArrival a) {
        lock.lock();
        try {
            throwIfFailed();
            long seq = nextCollectiveSeq.merge(new GroupRank(a.group(), a.rank()), 1L, Long::sum) - 1;
            return arrive(a, seq);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Joins collective number {@code seq} of the group, numbered by the caller: in the order the
     * ranks issue them, which may differ from the order in which their streams reach them.
     */
    public CompletableFuture<CollectiveTiming> arrive(CollectiveArrival a, long seq) {
        lock.lock();
        try {
            throwIfFailed();
            CompletableFuture<CollectiveTiming> done = new CompletableFuture<>();
            collectives.put(new CollectiveKey(a.group(), seq, a.rank()), done);
            send(new Message.CollectiveArrive(a.group(), seq, a.op(), a.bytes(), a.rank(), a.ranks(), a.arrivalNanos(),
                    a.members()));
            return done;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finish(long finalVirtualTime) {
        lock.lock();
        try {
            throwIfFailed();
            send(new Message.Goodbye(finalVirtualTime));
            finished = true;
        } finally {
            lock.unlock();
        }
        close();
    }

    /** Closes the connection; without {@link #finish} first, the coordinator fails the run. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed or broken: nothing left to release.
        }
    }

    private void readLoop() {
        try {
            while (true) {
                byte[] payload = reader.read();
                if (payload == null) {
                    fail(peer + " closed the connection");
                    return;
                }
                if (!handle(MessageCodec.decode(payload))) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            fail(peer + " sent nothing for " + welcome.timeoutMillis() + " ms: it stopped answering");
        } catch (ProtocolException e) {
            fail(peer + " sent a bad frame " + reader.framesRead() + ": " + e.getMessage());
        } catch (IOException e) {
            fail(peer + ": connection lost (" + e.getMessage() + ")");
        }
    }

    /** Returns false once the connection is over. */
    private boolean handle(Message message) {
        switch (message) {
            case Message.Grant grant -> onGrant(grant);
            case Message.CollectiveDone done -> onCollectiveDone(done);
            case Message.Heartbeat heartbeat -> { }
            case Message.Error error -> {
                fail(error.message());
                return false;
            }
            default -> {
                fail(peer + " sent an unexpected " + message.type());
                return false;
            }
        }
        return true;
    }

    private void onGrant(Message.Grant grant) {
        lock.lock();
        try {
            seen++;
            if (!blocked) {
                fail(peer + " sent GRANT " + grant.time() + " to a client that was not blocked");
                return;
            }
            grantedTime = grant.time();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onCollectiveDone(Message.CollectiveDone done) {
        CompletableFuture<CollectiveTiming> future;
        lock.lock();
        try {
            future = collectives.remove(new CollectiveKey(done.group(), done.seq(), done.rank()));
        } finally {
            lock.unlock();
        }
        if (future == null) {
            fail(peer + " completed collective '" + done.group() + "' #" + done.seq() + " rank " + done.rank()
                    + " which this client never joined");
            return;
        }
        // Complete first so that the wake-up supplier already sees the finished collective.
        future.complete(new CollectiveTiming(done.start(), done.end()));
        lock.lock();
        try {
            seen++;
            reReportIfBlocked();
        } finally {
            lock.unlock();
        }
    }

    /** Only while no GRANT has arrived: once one has, the coordinator counts this client as running. */
    private void reReportIfBlocked() {
        if (blocked && grantedTime < 0 && failure == null) {
            send(new Message.Blocked(wakeSupplier.getAsLong(), seen));
        }
    }

    private void sendHeartbeat() {
        try {
            writer.write(MessageCodec.encode(new Message.Heartbeat()));
        } catch (IOException e) {
            // The reader thread reports the broken connection with its cause.
        }
    }

    private void send(Message message) {
        try {
            writer.write(MessageCodec.encode(message));
        } catch (IOException e) {
            String problem = peer + ": cannot send " + message.type() + " (" + e.getMessage() + ")";
            fail(problem);
            throw new CoordinationFailure(problem, e);
        }
    }

    private void fail(String message) {
        List<CompletableFuture<CollectiveTiming>> pending;
        lock.lock();
        try {
            if (finished || failure != null) {
                return;
            }
            failure = new CoordinationFailure(message);
            pending = new ArrayList<>(collectives.values());
            collectives.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        pending.forEach(f -> f.completeExceptionally(failure));
        close();
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new CoordinationFailure(failure.getMessage(), failure);
        }
    }

    /** The failure that ended this client's run, or null while it is healthy. */
    public CoordinationFailure failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }
}
