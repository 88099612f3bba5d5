package dev.chronoscope.engine.scheduler;

import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.core.request.GenerationParams;
import dev.chronoscope.engine.core.request.Request;
import dev.chronoscope.engine.core.request.RequestStatus;
import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.kv.KvCacheManager;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each expected batch below is worked out by hand from vLLM V1's Scheduler.schedule(). */
class SchedulerTest {
    private static final int BS = 4;
    private static final int EOS = 99;
    private long clock;

    private Request request(String id, int promptLen, int maxTokens) {
        return request(id, promptLen, maxTokens, 0);
    }

    private Request request(String id, int promptLen, int maxTokens, int priority) {
        int[] prompt = IntStream.range(0, promptLen).map(i -> id.hashCode() % 50 + i).toArray();
        return new Request(id, prompt, new GenerationParams(maxTokens, 0, false, EOS, priority, SamplingParams.GREEDY),
                clock++);
    }

    private static Scheduler scheduler(int numBlocks, int budget, int maxSeqs, boolean chunked, boolean caching,
                                       SchedulingPolicy policy) {
        return new Scheduler(new SchedulerConfig(maxSeqs, budget, 1024, chunked, policy),
                new KvCacheManager(numBlocks, BS, caching));
    }

    /** Runs one step, sampling token 7 for every request that samples; returns "id:tokens" in batch order. */
    private static List<String> step(Scheduler s, Map<String, Integer> forcedTokens, SchedulerOutput[] out) {
        SchedulerOutput o = s.schedule();
        Map<String, Integer> sampled = new HashMap<>();
        for (ScheduledRequest r : o.scheduled()) {
            if (r.sample()) {
                sampled.put(r.request().id(), forcedTokens.getOrDefault(r.request().id(), 7));
            }
        }
        s.update(o, sampled);
        if (out != null) {
            out[0] = o;
        }
        return o.scheduled().stream().map(r -> r.request().id() + ":" + r.numNewTokens() + (r.sample() ? "s" : ""))
                .toList();
    }

    private static List<String> step(Scheduler s) {
        return step(s, Map.of(), null);
    }

    @Test
    void chunkedPrefillSplitsPromptsToTheTokenBudgetRunningFirst() {
        Scheduler s = scheduler(100, 8, 256, true, false, SchedulingPolicy.FCFS);
        s.add(request("a", 10, 5));
        s.add(request("b", 5, 5));
        assertThat(step(s)).containsExactly("a:8");              // a's first chunk eats the whole budget
        assertThat(step(s)).containsExactly("a:2s", "b:5s");     // a finishes its prompt, b fits in the rest
        assertThat(step(s)).containsExactly("a:1s", "b:1s");     // both decode
        assertThat(s.numRunning()).isEqualTo(2);
    }

    @Test
    void aPartialChunkOfTheBudgetGoesToTheNextWaitingRequest() {
        Scheduler s = scheduler(100, 8, 256, true, false, SchedulingPolicy.FCFS);
        s.add(request("a", 3, 5));
        s.add(request("b", 20, 5));
        assertThat(step(s)).containsExactly("a:3s", "b:5");
        assertThat(step(s)).containsExactly("a:1s", "b:7");
        assertThat(step(s)).containsExactly("a:1s", "b:7");
        assertThat(step(s)).containsExactly("a:1s", "b:1s");
    }

    @Test
    void withoutChunkedPrefillAPromptLargerThanTheLeftoverBudgetWaits() {
        Scheduler s = new Scheduler(new SchedulerConfig(256, 16, 16, false, SchedulingPolicy.FCFS),
                new KvCacheManager(100, BS, false));
        s.add(request("a", 10, 3));
        s.add(request("b", 8, 3));
        s.add(request("c", 2, 3));
        // b (8) does not fit in the 6 left and blocks c behind it: FCFS, no skipping.
        assertThat(step(s)).containsExactly("a:10s");
        assertThat(step(s)).containsExactly("a:1s", "b:8s", "c:2s");
    }

    @Test
    void maxNumSeqsCapsRunningRequests() {
        Scheduler s = scheduler(100, 100, 2, true, false, SchedulingPolicy.FCFS);
        s.add(request("a", 4, 2));
        s.add(request("b", 4, 2));
        s.add(request("c", 4, 2));
        assertThat(step(s)).containsExactly("a:4s", "b:4s");
        assertThat(s.numWaiting()).isEqualTo(1);
        assertThat(step(s)).containsExactly("a:1s", "b:1s");     // a and b reach max_tokens=2
        assertThat(s.numRunning()).isZero();
        assertThat(step(s)).containsExactly("c:4s");
    }

    @Test
    void fcfsPreemptsTheLastRunningRequestByRecomputeAndAdmitsNobodyThatStep() {
        Scheduler s = scheduler(4, 100, 256, true, false, SchedulingPolicy.FCFS);
        Request a = request("a", 7, 4);
        Request b = request("b", 7, 10);
        s.add(a);
        s.add(b);
        assertThat(step(s)).containsExactly("a:7s", "b:7s");      // 2 blocks each: cache full
        assertThat(step(s)).containsExactly("a:1s", "b:1s");      // 8 tokens each still fit in 2 blocks
        s.add(request("c", 1, 1));
        SchedulerOutput[] out = new SchedulerOutput[1];
        // a's 9th token needs a 3rd block: b, the last running request, is preempted; c is not admitted.
        assertThat(step(s, Map.of(), out)).containsExactly("a:1s");
        assertThat(out[0].preempted()).containsExactly(b);
        assertThat(b.status()).isEqualTo(RequestStatus.PREEMPTED);
        assertThat(b.numComputedTokens()).isZero();
        assertThat(b.numPreemptions()).isEqualTo(1);
        assertThat(s.numWaiting()).isEqualTo(2);
        assertThat(s.totalPreemptions()).isEqualTo(1);
        // a reaches max_tokens=4 and frees its blocks. b (at the waiting queue's front) then recomputes
        // its prompt and both output tokens in one chunk; c follows.
        assertThat(step(s)).containsExactly("a:1s");
        assertThat(a.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(step(s)).containsExactly("b:9s", "c:1s");
        assertThat(b.numOutputTokens()).isEqualTo(3);
    }

    @Test
    void aPreemptedRequestResumesFromItsOwnBlocksStillInThePrefixCache() {
        Scheduler s = scheduler(4, 100, 256, true, true, SchedulingPolicy.FCFS);
        Request a = request("a", 7, 4);
        Request b = request("b", 7, 10);
        s.add(a);
        s.add(b);
        step(s);                                                  // a:7s b:7s, 2 blocks each
        step(s);                                                  // a:1s b:1s, both blocks of each now full
        SchedulerOutput[] out = new SchedulerOutput[1];
        assertThat(step(s, Map.of(), out)).containsExactly("a:1s");
        // b's blocks were freed tail first: a's new block took b's second block, b's first stays cached.
        assertThat(out[0].preempted()).containsExactly(b);
        // a ends this step (max_tokens 4); its blocks only come free after scheduling, so b still waits.
        assertThat(step(s)).containsExactly("a:1s");
        // b has 9 tokens; its first block (4 tokens) is a cache hit, so only 5 are recomputed.
        assertThat(step(s, Map.of(), out)).containsExactly("b:5s");
        assertThat(out[0].scheduled().getFirst().numCachedTokens()).isEqualTo(4);
        assertThat(b.numCachedTokens()).as("the first admission's hit is what the request reports").isZero();
    }

    @Test
    void priorityPreemptsTheLeastImportantRunningRequestAndReturnsItsBudget() {
        Scheduler s = scheduler(5, 100, 256, true, false, SchedulingPolicy.PRIORITY);
        Request x = request("x", 8, 20, 5);
        s.add(x);
        assertThat(step(s)).containsExactly("x:8s");              // 2 blocks
        Request y = request("y", 7, 20, 0);
        s.add(y);
        assertThat(step(s)).containsExactly("x:1s", "y:7s");      // x takes a 3rd block, y 2: cache full
        assertThat(step(s)).containsExactly("x:1s", "y:1s");
        SchedulerOutput[] out = new SchedulerOutput[1];
        // y's 9th token needs a block: the victim is x (priority 5), already in this batch, so x's token goes
        // back to the budget and y is scheduled with x's freed blocks.
        assertThat(step(s, Map.of(), out)).containsExactly("y:1s");
        assertThat(out[0].preempted()).containsExactly(x);
        assertThat(x.numComputedTokens()).isZero();
        assertThat(s.numRunning()).isEqualTo(1);
    }

    @Test
    void aRequestThatIsItsOwnVictimEndsTheRunningPass() {
        Scheduler s = scheduler(4, 100, 256, true, false, SchedulingPolicy.PRIORITY);
        Request x = request("x", 7, 20, 5);
        s.add(x);
        step(s);
        Request y = request("y", 7, 20, 0);
        s.add(y);
        assertThat(step(s)).containsExactly("x:1s", "y:7s");
        SchedulerOutput[] out = new SchedulerOutput[1];
        // x needs a 3rd block and is itself the lowest priority: it is preempted and, as in vLLM, the
        // running pass stops there, so y waits for the next step.
        assertThat(step(s, Map.of(), out)).isEmpty();
        assertThat(out[0].preempted()).containsExactly(x);
        assertThat(step(s)).containsExactly("y:1s");
    }

    @Test
    void prefixCacheHitsSkipComputedTokens() {
        Scheduler s = scheduler(100, 100, 256, true, true, SchedulingPolicy.FCFS);
        Request a = request("a", 10, 1);
        s.add(a);
        assertThat(step(s)).containsExactly("a:10s");
        Request b = new Request("b", a.tokenRange(0, 10), a.params(), clock++);
        s.add(b);
        SchedulerOutput[] out = new SchedulerOutput[1];
        // a's two full blocks are cached (a has finished; they sit in the free queue): b computes 2 tokens.
        assertThat(step(s, Map.of(), out)).containsExactly("b:2s");
        assertThat(out[0].scheduled().getFirst().numComputedBefore()).isEqualTo(8);
        assertThat(out[0].scheduled().getFirst().numCachedTokens()).isEqualTo(8);
        assertThat(b.numCachedTokens()).isEqualTo(8);
    }

    @Test
    void stopsOnEosUnlessIgnoredOrBeforeMinTokens() {
        Scheduler s = scheduler(100, 100, 256, true, false, SchedulingPolicy.FCFS);
        Request plain = request("plain", 3, 10);
        Request ignoring = new Request("ignoring", new int[]{1, 2, 3},
                new GenerationParams(3, 0, true, EOS, 0, SamplingParams.GREEDY), clock++);
        Request atLeastTwo = new Request("min", new int[]{1, 2, 3},
                new GenerationParams(10, 2, false, EOS, 0, SamplingParams.GREEDY), clock++);
        s.add(plain);
        s.add(ignoring);
        s.add(atLeastTwo);
        Map<String, Integer> eos = Map.of("plain", EOS, "ignoring", EOS, "min", EOS);
        step(s, eos, null);
        assertThat(plain.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(ignoring.isFinished()).isFalse();
        assertThat(atLeastTwo.isFinished()).as("EOS before min_tokens=2 is ignored").isFalse();
        step(s, eos, null);
        assertThat(atLeastTwo.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(atLeastTwo.numOutputTokens()).isEqualTo(2);
        step(s, eos, null);
        assertThat(ignoring.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(ignoring.numOutputTokens()).isEqualTo(3);
        assertThat(s.hasUnfinished()).isFalse();
        assertThat(s.kvCache().numFreeBlocks()).isEqualTo(100);
    }

    @Test
    void stopsAtMaxModelLen() {
        Scheduler s = new Scheduler(new SchedulerConfig(256, 100, 6, true, SchedulingPolicy.FCFS),
                new KvCacheManager(100, BS, false));
        Request r = request("r", 4, 100);
        s.add(r);
        step(s);
        step(s);
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.numTokens()).isEqualTo(6);
    }

    @Test
    void finishingAWaitingOrRunningRequestFreesItsBlocks() {
        Scheduler s = scheduler(10, 100, 256, true, false, SchedulingPolicy.FCFS);
        s.add(request("a", 9, 5));
        s.add(request("b", 3, 5));
        step(s);
        assertThat(s.kvCache().numFreeBlocks()).isEqualTo(10 - 3 - 1);
        assertThat(s.finish("a", FinishReason.ABORT).finishReason()).isEqualTo(FinishReason.ABORT);
        assertThat(s.kvCache().numFreeBlocks()).isEqualTo(9);
        assertThat(s.finish("a", FinishReason.ABORT)).isNull();
        assertThat(step(s)).containsExactly("b:1s");
    }
}
