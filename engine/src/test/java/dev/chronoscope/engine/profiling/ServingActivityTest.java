package dev.chronoscope.engine.profiling;

import dev.chronoscope.engine.core.StepReport;
import dev.chronoscope.engine.device.KernelLaunch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServingActivityTest {

    private static StepReport step(long index, long start, long end) {
        return new StepReport(index, start, end, List.of(), List.of(), List.of(), 1, 0, 1, 1, 2);
    }

    @Test
    void theTrimmedMeanLeavesOutTheSlowestTenth() {
        assertThat(ServingActivity.trimmedMean(List.of(10L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L))).isEqualTo(5);
        assertThat(ServingActivity.trimmedMean(List.of(7L))).isEqualTo(7);
        assertThat(ServingActivity.trimmedMean(List.of(1L, 2L))).isEqualTo(2);
    }

    @Test
    void aBusyStepsHostTimeIsItsIntervalLessTheDriversWaitsAndIdleGapsAreNoSteps() {
        ServingActivity a = new ServingActivity();
        a.onStep(step(0, 0, 1));                 // not recording: ignored
        a.start(2, 1, false);
        a.onStep(step(1, 1_000, 5_000));
        a.onHostWakeUp(0, 1_500, 3_900, 4_000);  // the driver waited 2,500 ns of the 5,000 ns to the next step
        a.onHostWakeUp(1, 1_000, 5_000, 5_900);  // another rank's wait is not the critical path
        a.onStep(step(2, 6_000, 9_000));
        a.onStep(step(3, 3_000_000, 3_001_000)); // after an idle gap: no host step for step 2
        a.onWorkerWakeUp(0, 100, 350);
        a.onWorkerWakeUp(1, 100, 950);
        a.stop();
        a.onWorkerWakeUp(0, 100, 999);           // stopped: ignored

        Map<String, Long> group = Map.of("batch_size", 2L, "tp", 1L, "per_rank", 0L);
        assertThat(a.rows("test")).containsExactly(
                SampleCsv.row("host_step", 2_500, "test", group),
                SampleCsv.row("launch_latency", 250, "test", group),
                SampleCsv.row("sync_latency", 100, "test", group));
    }

    @Test
    void aProcessPerRankAddsTheDifferenceOfTheStepIntervalsToTheThreadedHostStep() {
        ServingActivity a = new ServingActivity();
        a.start(1, 2, false);
        a.onStep(step(0, 0, 900));
        a.onHostWakeUp(0, 100, 650, 700);       // host step 1,000 − 600
        a.onStep(step(1, 1_000, 1_900));
        a.stop();
        a.start(1, 2, true);                     // the same group, a process per rank: no device in sight
        a.onStep(step(0, 0, 1_500));
        a.onStep(step(1, 1_600, 3_000));
        a.stop();
        assertThat(a.rows("test")).filteredOn(r -> r.startsWith("host_step")).containsExactlyInAnyOrder(
                SampleCsv.row("host_step", 400, "test", Map.of("batch_size", 1L, "tp", 2L, "per_rank", 0L)),
                SampleCsv.row("host_step", 1_000, "test", Map.of("batch_size", 1L, "tp", 2L, "per_rank", 1L)));
    }

    @Test
    void kernelsAreAveragedPerShapeAndACollectiveCostsItsLongestRank() {
        ServingActivity a = new ServingActivity();
        a.start(1, 1, false);
        KernelLaunch add = new KernelLaunch("add", Map.of("num_tokens", 4L, "n_embd", 8L, "num_tensor_parallel_workers", 1L), Map.of(), List.of());
        a.onKernel(0, add, 0, 300);
        a.onKernel(1, add, 0, 500);
        a.onCollective(1, "all_reduce", 4096, 2, 10, 30);  // rank 1 arrived last
        a.onCollective(0, "all_reduce", 4096, 2, 10, 60);  // rank 0 waited for it
        a.onCollective(0, "all_reduce", 4096, 2, 0, 999);  // the next one, which rank 1 never reached
        a.stop();
        assertThat(a.rows("in-situ")).containsExactly(
                SampleCsv.row("add", 400, "in-situ", Map.of("num_tokens", 4L, "n_embd", 8L, "tp", 1L, "use_gated_mlp", 1L)),
                SampleCsv.row("all_reduce", 50, "in-situ", Map.of("size", 4096L, "num_workers", 2L, "devices_per_node", 2L)));
    }
}
