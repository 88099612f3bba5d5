package dev.chronoscope.engine.scheduler;

import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.core.request.Request;
import dev.chronoscope.engine.core.request.RequestStatus;
import dev.chronoscope.engine.kv.BlockHasher;
import dev.chronoscope.engine.kv.ComputedBlocks;
import dev.chronoscope.engine.kv.KvCacheManager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * vLLM V1's scheduler: one token budget per step shared by all requests. Running requests go first (the
 * next prefill chunk or one decode token each); when their KV blocks run out the lowest-priority running
 * request is preempted by recompute. If nobody was preempted, waiting requests are admitted in queue
 * order while the budget and max_num_seqs allow, reusing prefix-cached blocks. Not thread-safe: the
 * engine thread owns it.
 */
public final class Scheduler {
    private final SchedulerConfig config;
    private final KvCacheManager kv;
    private final BlockHasher hasher;
    private final StopChecker stopChecker;
    private final WaitingQueue waiting;
    private final List<Request> running = new ArrayList<>();
    private final Map<String, Request> byId = new HashMap<>();
    private final Comparator<Request> preemptionOrder =
            Comparator.comparingInt(Request::priority).thenComparingLong(Request::arrivalNanos);
    private long totalPreemptions;

    public Scheduler(SchedulerConfig config, KvCacheManager kv) {
        this.config = config;
        this.kv = kv;
        this.hasher = new BlockHasher(kv.blockSize());
        this.stopChecker = new StopChecker(config.maxModelLen());
        this.waiting = WaitingQueue.of(config.policy());
    }

    public SchedulerConfig config() { return config; }

    public int numRunning() { return running.size(); }

    public int numWaiting() { return waiting.size(); }

    public boolean hasUnfinished() { return !byId.isEmpty(); }

    public long totalPreemptions() { return totalPreemptions; }

    public KvCacheManager kvCache() { return kv; }

    public void add(Request request) {
        if (byId.putIfAbsent(request.id(), request) != null) {
            throw new IllegalArgumentException("request id " + request.id() + " is already in the engine");
        }
        if (kv.prefixCaching()) {
            hasher.extend(request.blockHashes(), request.allTokens());
        }
        request.setStatus(RequestStatus.WAITING);
        waiting.add(request);
    }

    /** Ends a request wherever it is, releasing its blocks; returns it, or null when unknown or done. */
    public Request finish(String requestId, FinishReason reason) {
        Request request = byId.remove(requestId);
        if (request == null) {
            return null;
        }
        if (!running.remove(request)) {
            waiting.remove(request);
        }
        kv.free(request.id());
        request.finish(reason);
        return request;
    }

    public SchedulerOutput schedule() {
        int budget = config.maxNumBatchedTokens();
        List<ScheduledRequest> scheduled = new ArrayList<>();
        Map<Request, Integer> scheduledTokens = new HashMap<>();
        List<Request> preempted = new ArrayList<>();

        int index = 0;
        while (index < running.size() && budget > 0) {
            Request request = running.get(index);
            int numNew = Math.min(request.numTokens() - request.numComputedTokens(), budget);
            if (numNew <= 0) {
                index++;
                continue;
            }
            boolean allocated = false;
            while (true) {
                if (kv.allocateSlots(request.id(), request.numComputedTokens(), numNew, ComputedBlocks.NONE,
                        request.blockHashes())) {
                    allocated = true;
                    break;
                }
                Request victim = pickVictim();
                running.remove(victim);
                Integer victimTokens = scheduledTokens.remove(victim);
                if (victimTokens != null) {
                    // Already in this step's batch (ahead of us): give its tokens back and close the gap.
                    scheduled.removeIf(s -> s.request() == victim);
                    budget += victimTokens;
                    index--;
                }
                preempt(victim);
                preempted.add(victim);
                if (victim == request) {
                    break;
                }
            }
            if (!allocated) {
                break;
            }
            scheduled.add(commit(request, numNew, false, 0));
            scheduledTokens.put(request, numNew);
            budget -= numNew;
            index++;
        }

        // As in vLLM: a step that had to preempt admits nobody new, or it would thrash.
        while (preempted.isEmpty() && !waiting.isEmpty() && budget > 0 && running.size() < config.maxNumSeqs()) {
            Request request = waiting.peek();
            ComputedBlocks hit = kv.computedBlocks(request.blockHashes(), request.numTokens());
            int numNew = request.numTokens() - hit.numTokens();
            if (!config.chunkedPrefill() && numNew > budget) {
                break;
            }
            numNew = Math.min(numNew, budget);
            if (!kv.allocateSlots(request.id(), 0, numNew, hit, request.blockHashes())) {
                break;
            }
            waiting.poll();
            running.add(request);
            request.setStatus(RequestStatus.RUNNING);
            request.setNumComputedTokens(hit.numTokens());
            if (request.numCachedTokens() < 0) {
                request.setNumCachedTokens(hit.numTokens());
            }
            scheduled.add(commit(request, numNew, true, hit.numTokens()));
            budget -= numNew;
        }
        return new SchedulerOutput(List.copyOf(scheduled), List.copyOf(preempted));
    }

    private Request pickVictim() {
        return switch (config.policy()) {
            case FCFS -> running.getLast();
            case PRIORITY -> running.stream().max(preemptionOrder).orElseThrow();
        };
    }

    /** Recompute preemption: drop the KV, forget progress, wait at the front for another turn. */
    private void preempt(Request victim) {
        kv.free(victim.id());
        victim.setNumComputedTokens(0);
        victim.setStatus(RequestStatus.PREEMPTED);
        victim.countPreemption();
        totalPreemptions++;
        waiting.prepend(victim);
    }

    /** Advances the request's computed tokens at schedule time, as vLLM does, and records the step's share. */
    private ScheduledRequest commit(Request request, int numNew, boolean newlyScheduled, int numCached) {
        int before = request.numComputedTokens();
        int[] tokens = request.tokenRange(before, before + numNew);
        request.setNumComputedTokens(before + numNew);
        boolean sample = request.numComputedTokens() >= request.numTokens();
        return new ScheduledRequest(request, before, tokens, kv.blockTable(request.id()), sample, newlyScheduled,
                numCached);
    }

    /**
     * Appends each sampled token to its request and finishes the requests that are done (releasing their
     * blocks). {@code sampled} maps request id to token for every sequence scheduled with sampling on.
     */
    public List<TokenUpdate> update(SchedulerOutput output, Map<String, Integer> sampled) {
        List<TokenUpdate> updates = new ArrayList<>();
        for (ScheduledRequest s : output.scheduled()) {
            Request request = s.request();
            if (!s.sample() || request.isFinished()) {
                continue;
            }
            Integer token = sampled.get(request.id());
            if (token == null) {
                throw new IllegalStateException("the executor returned no token for request " + request.id());
            }
            request.appendOutputToken(token);
            if (kv.prefixCaching()) {
                hasher.extend(request.blockHashes(), request.allTokens());
            }
            FinishReason reason = stopChecker.check(request);
            if (reason != null) {
                finish(request.id(), reason);
            }
            updates.add(new TokenUpdate(request, token, reason));
        }
        return updates;
    }
}
