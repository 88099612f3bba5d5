package dev.chronoscope.emulator.coord.server;

import dev.chronoscope.emulator.coord.AdvanceMode;
import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.CoordinatorOptions;
import dev.chronoscope.emulator.coord.CoordinatorStatus;
import dev.chronoscope.emulator.coord.GrantRecord;
import dev.chronoscope.emulator.coord.RunResult;
import dev.chronoscope.emulator.coord.wire.Message;
import dev.chronoscope.emulator.coord.wire.Message.ClientRef;
import dev.chronoscope.emulator.coord.wire.ProtocolException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The coordinator's decisions, free of sockets: who is registered, who is blocked until when, which
 * messages and collectives are pending, and when global virtual time advances (docs/coordination.md
 * §Time advance). Not thread-safe: the caller serialises all calls.
 */
final class RunState {

    static final List<Integer> SUPPORTED_VERSIONS = List.of(1);

    /** Where decisions go: a frame for one client. Must not block. */
    interface Outbox {
        void send(int clientId, Message message);
    }

    private enum Phase { ACTIVE, BLOCKED, FINISHED }

    private static final class Member {
        final ClientRef ref;
        Phase phase = Phase.ACTIVE;
        long wake;
        long noticesSent;
        long finalTime;
        /** When a blocked member was reopened by COLLECTIVE_DONE or RECEIVED and owes a BLOCKED; -1 if it owes none. */
        long reportOwedSinceNanos = -1;

        Member(ClientRef ref) {
            this.ref = ref;
        }
    }

    private final CoordinatorOptions options;
    private final byte[] token;
    private final long runStartEpochMillis;
    private final Outbox outbox;
    private final LongSupplier clock;
    private final long createdNanos;
    private final TreeMap<Integer, Member> members = new TreeMap<>();
    private final InFlightMessages inFlight = new InFlightMessages();
    private final CollectiveRendezvous collectives;
    private final List<GrantRecord> grants = new ArrayList<>();
    private final CompletableFuture<RunResult> outcome = new CompletableFuture<>();
    private long globalTime;
    private long stalledSinceNanos = -1;

    RunState(CoordinatorOptions options, String token, long runStartEpochMillis, Outbox outbox, LongSupplier clock) {
        this.options = options;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.runStartEpochMillis = runStartEpochMillis;
        this.outbox = outbox;
        this.clock = clock;
        this.createdNanos = clock.getAsLong();
        this.collectives = new CollectiveRendezvous(options.costModel());
    }

    CompletableFuture<RunResult> outcome() {
        return outcome;
    }

    ClientRef ref(int clientId) {
        return members.get(clientId).ref;
    }

    boolean hasFinished(int clientId) {
        return members.get(clientId).phase == Phase.FINISHED;
    }

    /** Answers a HELLO with WELCOME (and admits the client) or REFUSED. */
    Message register(Message.Hello hello) {
        if (outcome.isDone()) {
            return new Message.Refused("the run has already ended");
        }
        if (!MessageDigest.isEqual(token, hello.token().getBytes(StandardCharsets.UTF_8))) {
            return new Message.Refused("wrong token for client '" + hello.name() + "'");
        }
        int version = hello.versions().stream().filter(SUPPORTED_VERSIONS::contains).max(Integer::compare).orElse(-1);
        if (version < 0) {
            return new Message.Refused("no common protocol version: client speaks " + hello.versions()
                    + ", coordinator speaks " + SUPPORTED_VERSIONS);
        }
        if (members.size() >= options.expectedClients()) {
            return new Message.Refused("all " + options.expectedClients() + " expected clients have already registered");
        }
        if (members.values().stream().anyMatch(m -> m.ref.name().equals(hello.name()))) {
            return new Message.Refused("a client named '" + hello.name() + "' is already registered");
        }
        if (hello.requestedId() >= 0 && members.containsKey(hello.requestedId())) {
            return new Message.Refused("client id " + hello.requestedId() + " is already taken by "
                    + members.get(hello.requestedId()).ref);
        }
        int id = hello.requestedId() >= 0 ? hello.requestedId() : lowestFreeId();
        members.put(id, new Member(new ClientRef(id, hello.name(), hello.pid())));
        return new Message.Welcome(version, id, runStartEpochMillis, options.heartbeatInterval().toMillis(),
                options.clientTimeout().toMillis());
    }

    private int lowestFreeId() {
        int id = 0;
        while (members.containsKey(id)) {
            id++;
        }
        return id;
    }

    void blocked(int clientId, Message.Blocked m) throws ProtocolException {
        Member member = live(clientId, m);
        if (m.seen() > member.noticesSent) {
            throw new ProtocolException("BLOCKED: seen " + m.seen() + " but only " + member.noticesSent
                    + " GRANT/COLLECTIVE_DONE frames were sent to this client");
        }
        if (m.seen() < member.noticesSent) {
            // Written before the client read our latest GRANT or COLLECTIVE_DONE: it will report again.
            member.phase = Phase.ACTIVE;
            return;
        }
        member.phase = Phase.BLOCKED;
        member.reportOwedSinceNanos = -1;
        member.wake = m.wake() == Message.NO_WAKE_UP ? m.wake() : Math.max(m.wake(), globalTime);
        advanceIfPossible();
    }

    void sent(int clientId, Message.Sent m) throws ProtocolException {
        Member member = live(clientId, m);
        inFlight.sent(m.channel(), m.seq(), member.ref, clock.getAsLong());
        advanceIfPossible();
    }

    void received(int clientId, Message.Received m) throws ProtocolException {
        Member member = live(clientId, m);
        inFlight.received(m.channel(), m.seq(), member.ref, clock.getAsLong());
        // A blocked receiver has a new thread to wake: it re-reports with BLOCKED before time may move.
        reopen(member);
        advanceIfPossible();
    }

    void collectiveArrived(int clientId, Message.CollectiveArrive m) throws ProtocolException {
        live(clientId, m);
        var completion = collectives.arrive(clientId, m);
        if (completion.isEmpty()) {
            return;
        }
        var done = completion.get();
        done.clientByRank().forEach((rank, memberId) -> {
            Member member = members.get(memberId);
            if (member.phase == Phase.FINISHED) {
                return;
            }
            notice(member, new Message.CollectiveDone(done.group(), done.seq(), rank, done.start(), done.end()));
            reopen(member);
        });
    }

    void goodbye(int clientId, Message.Goodbye m) throws ProtocolException {
        Member member = live(clientId, m);
        member.phase = Phase.FINISHED;
        member.reportOwedSinceNanos = -1;
        member.finalTime = m.finalTime();
        advanceIfPossible();
    }

    /** A client broke the protocol, reported an error, went silent or disconnected: the run fails. */
    void clientFailed(int clientId, String what) {
        ClientRef ref = members.get(clientId).ref;
        fail("client " + ref + " " + what, ref);
    }

    /** Fails the run: every live client gets an ERROR with the message and the awaited outcome throws it. */
    void fail(String message, ClientRef culprit) {
        if (outcome.isDone()) {
            return;
        }
        // ERRORs first: completing the outcome closes every connection once its queued frames are written.
        members.values().stream().filter(m -> m.phase != Phase.FINISHED)
                .forEach(m -> outbox.send(m.ref.id(), new Message.Error(message, culprit)));
        outcome.completeExceptionally(new CoordinationFailure(message));
    }

    /** Called periodically: fails runs that wait too long for registrations or for a message in flight. */
    void checkDeadlines() {
        long now = clock.getAsLong();
        if (members.size() < options.expectedClients()
                && now - createdNanos > options.registrationTimeout().toNanos()) {
            fail("only " + members.size() + " of " + options.expectedClients() + " clients registered within "
                    + options.registrationTimeout().toMillis() + " ms" + (members.isEmpty() ? "" : ": "
                    + members.values().stream().map(m -> m.ref.toString()).collect(Collectors.joining(", "))), null);
        } else if (stalledSinceNanos >= 0 && now - stalledSinceNanos > options.clientTimeout().toNanos()) {
            fail("no client is running, yet a message stayed in flight for more than "
                    + options.clientTimeout().toMillis() + " ms: " + inFlight.describe(), null);
        } else {
            members.values().stream()
                    .filter(m -> m.reportOwedSinceNanos >= 0 && now - m.reportOwedSinceNanos > options.clientTimeout().toNanos())
                    .findFirst()
                    .ifPresent(m -> clientFailed(m.ref.id(), "owes a BLOCKED report after COLLECTIVE_DONE or RECEIVED "
                            + "and sent none for " + options.clientTimeout().toMillis() + " ms"));
        }
    }

    /** A blocked member that learnt something new must report again; until then it counts as running. */
    private void reopen(Member member) {
        if (member.phase == Phase.BLOCKED) {
            member.phase = Phase.ACTIVE;
            member.reportOwedSinceNanos = clock.getAsLong();
        }
    }

    private Member live(int clientId, Message m) throws ProtocolException {
        Member member = members.get(clientId);
        if (member.phase == Phase.FINISHED) {
            throw new ProtocolException(m.type() + " after GOODBYE");
        }
        return member;
    }

    private void notice(Member member, Message message) {
        member.noticesSent++;
        outbox.send(member.ref.id(), message);
    }

    /** The time advance rule: see docs/coordination.md §Time advance. */
    private void advanceIfPossible() {
        stalledSinceNanos = -1;
        if (outcome.isDone() || members.size() < options.expectedClients()) {
            return;
        }
        if (members.values().stream().anyMatch(m -> m.phase == Phase.ACTIVE)) {
            return;
        }
        if (!inFlight.isEmpty()) {
            stalledSinceNanos = clock.getAsLong();
            return;
        }
        List<Member> blocked = members.values().stream().filter(m -> m.phase == Phase.BLOCKED).toList();
        if (blocked.isEmpty()) {
            complete();
            return;
        }
        long earliest = blocked.stream().mapToLong(m -> m.wake).min().orElseThrow();
        if (earliest == Message.NO_WAKE_UP) {
            failDeadlock(blocked);
            return;
        }
        globalTime = earliest;
        // members is ordered by id, so candidates come in (wake, id) order.
        List<Member> runnable = blocked.stream().filter(m -> m.wake == earliest).toList();
        for (Member member : options.mode() == AdvanceMode.DETERMINISTIC ? runnable.subList(0, 1) : runnable) {
            member.phase = Phase.ACTIVE;
            grants.add(new GrantRecord(globalTime, member.ref.id(), member.ref.name()));
            notice(member, new Message.Grant(globalTime));
        }
    }

    private void failDeadlock(List<Member> blocked) {
        List<String> pending = collectives.describePending();
        fail("deadlock at virtual time " + globalTime + " ns: every client is blocked with no wake-up ("
                + blocked.stream().map(m -> m.ref.toString()).collect(Collectors.joining(", ")) + ")"
                + (pending.isEmpty() ? "" : "; pending: " + String.join("; ", pending)), null);
    }

    private void complete() {
        Map<String, Long> finalTimes = new LinkedHashMap<>();
        members.values().forEach(m -> finalTimes.put(m.ref.name(), m.finalTime));
        long finalTime = members.values().stream().mapToLong(m -> m.finalTime).max().orElse(0);
        outcome.complete(new RunResult(finalTime, grants, finalTimes));
    }

    CoordinatorStatus status() {
        List<Integer> blocked = members.values().stream().filter(m -> m.phase == Phase.BLOCKED).map(m -> m.ref.id()).toList();
        return new CoordinatorStatus(globalTime, members.size(), blocked, inFlight.size(), grants.size());
    }

    /** Registered clients that have not said GOODBYE, in id order. */
    List<Integer> liveClientIds() {
        return members.values().stream().filter(m -> m.phase != Phase.FINISHED).map(m -> m.ref.id()).toList();
    }
}
