package dev.chronoscope.engine.core;

import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.core.request.GenerationParams;
import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.scheduler.SchedulingPolicy;
import dev.chronoscope.engine.testing.ScriptedTestExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineCoreTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private final ScriptedTestExecutor executor = new ScriptedTestExecutor(256, 64, ByteLevelTokenizer.EOS);
    private EngineCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private static GenerationParams params(int maxTokens) {
        return new GenerationParams(maxTokens, 0, false, ByteLevelTokenizer.EOS, 0, SamplingParams.GREEDY);
    }

    private static List<RequestOutput> drain(RequestStream stream) throws InterruptedException {
        List<RequestOutput> outputs = new ArrayList<>();
        RequestOutput out;
        do {
            out = stream.poll(BOUND);
            assertThat(out).as("output within " + BOUND).isNotNull();
            outputs.add(out);
        } while (!out.finished());
        return outputs;
    }

    @Test
    void streamsTheExecutorsTokensInOrderAndEndsAtMaxTokens() throws InterruptedException {
        core = EngineCore.start(executor, EngineConfig.defaults());
        List<RequestOutput> outputs = drain(core.submit("r1", new int[]{'h', 'i'}, params(5)));
        assertThat(outputs).extracting(RequestOutput::tokenId).containsExactly((int) 'c', (int) 'd', (int) 'e',
                (int) 'f', (int) 'g');
        assertThat(outputs.getLast().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(outputs.getLast().numOutputTokens()).isEqualTo(5);
        assertThat(outputs).extracting(RequestOutput::timeNanos).isSorted();
        EngineMetrics m = core.metrics();
        assertThat(m.promptTokens()).isEqualTo(2);
        assertThat(m.generationTokens()).isEqualTo(5);
        assertThat(m.timeToFirstToken().count()).isEqualTo(1);
        assertThat(m.timePerOutputToken().count()).isEqualTo(4);
        assertThat(m.e2eRequestLatency().count()).isEqualTo(1);
        assertThat(m.finishedRequests(FinishReason.LENGTH)).isEqualTo(1);
    }

    @Test
    void stopsAtTheEndOfSequenceToken() throws InterruptedException {
        core = EngineCore.start(executor, EngineConfig.defaults());
        List<RequestOutput> outputs = drain(core.submit("r1", new int[]{'o', 'k', '.'}, params(10)));
        assertThat(outputs).singleElement().satisfies(o -> {
            assertThat(o.tokenId()).isEqualTo(ByteLevelTokenizer.EOS);
            assertThat(o.finishReason()).isEqualTo(FinishReason.STOP);
        });
    }

    @Test
    void listenersSeeEachStepsBatchKvUseAndPreemptions() throws InterruptedException {
        // 4 blocks of 4 tokens: two 7-token prompts fill the cache; the third decode step must preempt.
        ScriptedTestExecutor small = new ScriptedTestExecutor(16, 4, ByteLevelTokenizer.EOS);
        EngineConfig config = new EngineConfig(256, 64, 4, 0.9, false, true, 16, SchedulingPolicy.FCFS);
        List<StepReport> steps = new CopyOnWriteArrayList<>();
        List<RequestStats> finished = new CopyOnWriteArrayList<>();
        core = EngineCore.start(small, config);
        Semaphore permits = new Semaphore(0);
        small.gateSteps(permits);
        core.addListener(new EngineListener() {
            @Override public void onStep(StepReport step) { steps.add(step); }
            @Override public void onRequestFinished(RequestStats stats) { finished.add(stats); }
        });
        int[] prompt = {'a', 'b', 'c', 'd', 'e', 'f', 'g'};
        RequestStream a = core.submit("a", prompt, params(4));
        // Hold step 0 (a's prompt) so that b surely arrives before step 1.
        assertThat(small.awaitStepsEntered(1, BOUND)).isTrue();
        RequestStream b = core.submit("b", prompt.clone(), params(4));
        permits.release(1000);
        drain(a);
        drain(b);
        assertThat(steps.get(0).batch()).extracting(StepReport.BatchEntry::requestId).containsExactly("a");
        assertThat(steps.get(0).kvBlocksUsed()).isEqualTo(2);
        // Step 1: a decodes (its 8 tokens still fit 2 blocks), b's 7-token prompt takes the last 2 blocks.
        assertThat(steps.get(1).batch()).extracting(StepReport.BatchEntry::requestId).containsExactly("a", "b");
        assertThat(steps.get(1).totalTokens()).isEqualTo(8);
        assertThat(steps.get(1).kvBlocksUsed()).isEqualTo(4);
        assertThat(steps.get(1).kvBlocksFree()).isZero();
        // Step 2: a's 9th token needs a third block, so b (the last running request) is preempted.
        assertThat(steps.get(2).preempted()).containsExactly("b");
        assertThat(steps.get(2).batch()).extracting(StepReport.BatchEntry::requestId).containsExactly("a");
        assertThat(finished).extracting(RequestStats::requestId).containsExactly("a", "b");
        assertThat(finished.get(1).numPreemptions()).isEqualTo(1);
        assertThat(core.metrics().preemptions()).isEqualTo(1);
        assertThat(steps.getLast().kvBlocksUsed()).isZero();
    }

    @Test
    void cancelEndsARunningRequestWithAbortAndFreesItsBlocks() throws InterruptedException {
        core = EngineCore.start(executor, EngineConfig.defaults());
        Semaphore permits = new Semaphore(0);
        executor.gateSteps(permits);
        RequestStream stream = core.submit("long", new int[]{'x'}, params(200));
        stream.cancel();
        permits.release(1000);
        List<RequestOutput> outputs = drain(stream);
        assertThat(outputs.getLast().finishReason()).isEqualTo(FinishReason.ABORT);
        assertThat(outputs.size()).isLessThan(200);
        assertThat(core.metrics().finishedRequests(FinishReason.ABORT)).isEqualTo(1);
    }

    @Test
    void aFailingStepFailsItsRequestsAndTheEngineKeepsServing() throws InterruptedException {
        core = EngineCore.start(executor, EngineConfig.defaults());
        List<RequestOutput> failed = drain(core.submit("bad", new int[]{'x', 0}, params(3)));
        assertThat(failed.getLast().finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(failed.getLast().error()).contains("scripted failure");
        assertThat(drain(core.submit("good", new int[]{'x'}, params(2)))).hasSize(2);
    }

    @Test
    void aFailingListenerDoesNotStopTheEngine() throws InterruptedException {
        core = EngineCore.start(executor, EngineConfig.defaults());
        core.addListener(new EngineListener() {
            @Override public void onStep(StepReport step) { throw new IllegalStateException("listener bug"); }
        });
        assertThat(drain(core.submit("r", new int[]{'x'}, params(3)))).hasSize(3);
    }

    @Test
    void closingAbortsRequestsInFlightAndRefusesNewOnes() throws InterruptedException {
        core = EngineCore.start(executor, EngineConfig.defaults());
        Semaphore permits = new Semaphore(0);
        executor.gateSteps(permits);
        RequestStream stream = core.submit("long", new int[]{'x'}, params(200));
        assertThat(executor.awaitStepsEntered(1, BOUND)).isTrue();
        Thread closer = Thread.ofVirtual().start(core::close);
        // One step at a time until close() has queued its stop and returned, so the request cannot finish first.
        for (int step = 1; step < 200 && closer.isAlive(); step++) {
            permits.release(1);
            closer.join(Duration.ofMillis(20));
        }
        permits.release(1000);
        closer.join(BOUND);
        assertThat(closer.isAlive()).isFalse();
        assertThat(drain(stream).getLast().finishReason()).isEqualTo(FinishReason.ABORT);
        assertThatThrownBy(() -> core.submit("late", new int[]{'x'}, params(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
    }

    @Test
    void refusesAKvCacheSmallerThanMaxModelLenAndOverlongRequests() {
        ScriptedTestExecutor tiny = new ScriptedTestExecutor(256, 2, ByteLevelTokenizer.EOS);
        assertThatThrownBy(() -> EngineCore.start(tiny, EngineConfig.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("max_model_len=256");
        assertThatThrownBy(() -> EngineCore.start(executor, EngineConfig.defaults().withMaxModelLen(1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_position_embeddings 256");
        core = EngineCore.start(executor, EngineConfig.defaults());
        assertThatThrownBy(() -> core.submit("x", new int[250], params(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_model_len 256");
    }
}
