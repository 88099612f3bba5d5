package dev.chronoscope.app.runs;

import dev.chronoscope.app.runs.demo.StepGate;
import dev.chronoscope.app.runs.demo.SyntheticRun;
import dev.chronoscope.app.support.Events;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunModelTest {

    @Test
    void latenciesFollowTheRequestEvents() {
        RunModel m = new RunModel();
        Events.requests(new double[]{100, 300, 200}, 11).forEach(m::accept);

        RunMetrics r = m.metrics();

        assertThat(r.completed()).isEqualTo(3);
        assertThat(r.totalInputTokens()).isEqualTo(300);
        assertThat(r.totalOutputTokens()).isEqualTo(33);
        assertThat(r.ttftMs().mean()).isCloseTo(200, within(1e-9));
        assertThat(r.ttftMs().percentile(99)).isCloseTo(298, within(1e-9));
        assertThat(r.tpotMs().median()).isCloseTo(10, within(1e-9));
        assertThat(r.itlMs().count()).isEqualTo(30);
        // First arrival at 0 s, last finish at 2 s + 200 ms + 100 ms.
        assertThat(r.durationSeconds()).isCloseTo(2.3, within(1e-9));
        assertThat(r.requestThroughput()).isCloseTo(3 / 2.3, within(1e-9));
    }

    @Test
    void speedIsVirtualTimeOverWallTime() {
        AtomicLong wall = new AtomicLong(1_000);
        RunModel m = new RunModel(wall::get);
        m.accept(new StreamEvent.RunStart(0, "r", "{}", "modeled", java.util.Map.of(), 0));
        wall.addAndGet(500_000_000);
        m.accept(new StreamEvent.Kernel(0, 2_000_000_000L, 0, 0, "mlp_up_proj", Features.of("num_tokens", 1), "v", false, -1));

        assertThat(m.speed()).isCloseTo(4.0, within(1e-9));
        assertThat(m.gpuBusyFraction()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aFailedRunEndKeepsItsMessage() {
        RunModel m = new RunModel();
        m.accept(new StreamEvent.RunEnd(10, "error", "coordinator lost rank 3"));
        assertThat(m.status()).isEqualTo(RunStatus.FAILED);
        assertThat(m.message()).isEqualTo("coordinator lost rank 3");
    }

    @Test
    void theDemoFeedIsDeterministicForASeed() throws InterruptedException {
        Scenario s = new Scenario("tiny", "a100-80gb", 2, 1, 32, 2048, 16, 0.9, true, true, "random", 50, 1, 40, 3, "modeled", 1);
        List<String> first = new ArrayList<>(), second = new ArrayList<>();
        new SyntheticRun(s, Long.MAX_VALUE).run(e -> first.add(describe(e)), StepGate.FREE_RUNNING);
        new SyntheticRun(s, Long.MAX_VALUE).run(e -> second.add(describe(e)), StepGate.FREE_RUNNING);

        assertThat(first).isEqualTo(second);
        assertThat(first.getLast()).startsWith("RunEnd[");
        assertThat(first.stream().filter(x -> x.startsWith("Request[") && x.contains("FINISHED"))).hasSize(40);
    }

    /** Records are compared by their text; RunStart's wall clock differs between runs and is left out. */
    private static String describe(StreamEvent e) {
        if (e instanceof StreamEvent.RunStart r) return "RunStart " + r.runId();
        if (e instanceof StreamEvent.Collective c) return "Collective " + c.op() + " " + c.time() + " " + c.endTime();
        if (e instanceof StreamEvent.KvBlocks k) return "KvBlocks " + k.time() + " " + k.requestId() + " " + java.util.Arrays.toString(k.blockIds());
        return e.toString();
    }
}
