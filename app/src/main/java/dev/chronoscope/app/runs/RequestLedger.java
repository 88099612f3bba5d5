package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds request lifecycle events into per-request tracks and the latency samples of the report. */
public final class RequestLedger {
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private double[] itlMs = new double[1024];
    private int itlCount;
    private long firstArrival = -1;
    private long lastFinish = -1;

    public synchronized void accept(StreamEvent.Request r) {
        Track t = tracks.computeIfAbsent(r.requestId(), Track::new);
        switch (r.phase()) {
            case ARRIVED -> {
                t.arrival = r.time();
                t.promptTokens = r.tokens();
                if (firstArrival < 0 || r.time() < firstArrival) firstArrival = r.time();
                t.moveTo(RequestState.WAITING, r.time());
            }
            case SCHEDULED -> t.moveTo(RequestState.PREFILL, r.time());
            case FIRST_TOKEN -> {
                if (t.firstToken < 0) t.firstToken = r.time();
                t.lastToken = r.time();
                t.outputTokens = Math.max(t.outputTokens, r.tokens());
                t.moveTo(RequestState.DECODE, r.time());
            }
            case TOKEN -> {
                if (t.lastToken >= 0) addItl((r.time() - t.lastToken) / 1e6);
                t.lastToken = r.time();
                t.outputTokens = Math.max(t.outputTokens, r.tokens());
                t.moveTo(RequestState.DECODE, r.time());
            }
            case PREEMPTED -> {
                t.preemptions++;
                t.moveTo(RequestState.PREEMPTED, r.time());
            }
            case FINISHED -> {
                t.finished = r.time();
                t.outputTokens = Math.max(t.outputTokens, r.tokens());
                lastFinish = Math.max(lastFinish, r.time());
                t.moveTo(RequestState.FINISHED, r.time());
            }
        }
    }

    public synchronized List<RequestTrack> snapshot() {
        List<RequestTrack> out = new ArrayList<>(tracks.size());
        for (Track t : tracks.values()) out.add(t.freeze());
        return out;
    }

    /** Figures over finished requests; {@code now} ends the duration while requests are still open. */
    public synchronized RunMetrics metrics(long now) {
        int n = 0;
        long input = 0, output = 0;
        double[] ttft = new double[tracks.size()], tpot = new double[tracks.size()], e2e = new double[tracks.size()];
        int tpotCount = 0;
        for (Track t : tracks.values()) {
            if (t.finished < 0 || t.arrival < 0) continue;
            input += t.promptTokens;
            output += t.outputTokens;
            e2e[n] = (t.finished - t.arrival) / 1e6;
            ttft[n] = t.firstToken >= 0 ? (t.firstToken - t.arrival) / 1e6 : e2e[n];
            if (t.outputTokens > 1 && t.firstToken >= 0) {
                tpot[tpotCount++] = (t.finished - t.firstToken) / 1e6 / (t.outputTokens - 1);
            }
            n++;
        }
        // A finished benchmark lasts until its last response; one still running, until now.
        long end = n == tracks.size() && lastFinish >= 0 ? lastFinish : now;
        double duration = firstArrival < 0 ? 0 : Math.max(0, end - firstArrival) / 1e9;
        return new RunMetrics(n, tracks.size(), duration, input, output, Distribution.of(ttft, n),
                Distribution.of(tpot, tpotCount), Distribution.of(itlMs, itlCount), Distribution.of(e2e, n));
    }

    /** How many requests are in {@code state} now. */
    public synchronized int count(RequestState state) {
        int c = 0;
        for (Track t : tracks.values()) if (t.state == state) c++;
        return c;
    }

    private void addItl(double ms) {
        if (itlCount == itlMs.length) itlMs = Arrays.copyOf(itlMs, itlCount * 2);
        itlMs[itlCount++] = ms;
    }

    private static final class Track {
        final String id;
        int promptTokens, outputTokens, preemptions;
        long arrival = -1, firstToken = -1, lastToken = -1, finished = -1;
        RequestState state;
        long[] times = new long[4];
        RequestState[] states = new RequestState[4];
        int transitions;

        Track(String id) { this.id = id; }

        void moveTo(RequestState next, long time) {
            if (next == state) return;
            if (transitions == times.length) {
                times = Arrays.copyOf(times, transitions * 2);
                states = Arrays.copyOf(states, transitions * 2);
            }
            times[transitions] = time;
            states[transitions++] = next;
            state = next;
        }

        RequestTrack freeze() {
            return new RequestTrack(id, promptTokens, outputTokens, arrival, firstToken, finished, preemptions,
                    Arrays.copyOf(times, transitions), Arrays.copyOf(states, transitions));
        }
    }
}
