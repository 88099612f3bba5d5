package dev.chronoscope.emulator.calibrate;

import dev.chronoscope.emulator.models.form.KernelNames;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationGridTest {

    @Test
    void theQuickGridIsOnlyInSituAndFitsTheRuntimeCostsToo() {
        CalibrationGrid quick = CalibrationGrid.quick();
        List<CalibrationGrid.Invocation> children = quick.invocations("src");
        assertThat(children).singleElement().satisfies(c -> {
            assertThat(c.mainClass()).isEqualTo(ProfilerLauncher.SERVING_PROFILER);
            assertThat(c.arguments()).containsSequence("--tp", "1,2").endsWith("--source", "src");
        });
        assertThat(quick.ops()).containsAll(KernelNames.COMPUTE).containsAll(KernelNames.RUNTIME)
                .contains("all_reduce", "all_gather").doesNotContain("send_recv");
    }

    @Test
    void theFullGridRunsTheMicrobenchmarksThenServes() {
        assertThat(CalibrationGrid.full().invocations("src")).extracting(CalibrationGrid.Invocation::mainClass).containsExactly(
                ProfilerLauncher.KERNEL_PROFILER, ProfilerLauncher.COLLECTIVE_PROFILER, ProfilerLauncher.SERVING_PROFILER);
        assertThat(CalibrationGrid.full().ops()).containsExactlyElementsOf(KernelNames.allWithRuntime());
    }

    @Test
    void aRuntimeCostNeedsTheServingProfilerAndUnknownNamesAreRefused() {
        assertThatThrownBy(() -> new CalibrationGrid("g", List.of("--tp", "1"), List.of(), List.of(), List.of("add", "host_step")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host_step is measured only in situ: the grid needs serving-profiler arguments");
        assertThatThrownBy(() -> new CalibrationGrid("g", List.of(), List.of(), List.of("--tp", "1"), List.of("launch")))
                .hasMessageStartingWith("unknown kernel 'launch'; expected some of emb,");
    }
}
