package dev.chronoscope.emulator.validate;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationPlanTest {

    @Test
    void theQuickPlanCoversBothTpDegreesRatesAndProcessLayouts() {
        ValidationPlan quick = ValidationPlan.quick(3);
        assertThat(quick.cases()).extracting(ValidationCase::name)
                .containsExactly("tp1-low", "tp1-high", "tp2-low", "tp2-high", "tp2-mp-low", "tp2-mp-high");
        assertThat(quick.cases()).filteredOn(c -> c.processes().equals("per-rank")).extracting(ValidationCase::tensorParallelSize)
                .containsOnly(2);
        assertThat(quick.runs()).isEqualTo(6 * 4);
    }

    @Test
    void aPerRankCaseRunsTheMultiprocessBackendForRealAndPerRankProcessesEmulated() {
        ValidationCase mp = ValidationPlan.quick(1).cases().stream().filter(c -> c.name().equals("tp2-mp-low")).findFirst().orElseThrow();
        var scenario = mp.scenario(Path.of("models.db"), Path.of("trace.csv"), 26, 0);
        assertThat(scenario.perRank()).isTrue();
        assertThat(scenario.benchArguments(Path.of("r.json"))).containsSequence("--distributed-executor-backend", "mp");
        assertThat(mp.describe()).startsWith("TP 2 (a process per rank), 2.00 req/s");
    }

    @Test
    void anUnknownProcessLayoutIsRefused() {
        assertThatThrownBy(() -> new ValidationCase("x", 2, 1, 1, 1, 1, 16, 4, "modeled", "threads"))
                .hasMessage("scenario x: processes must be single or per-rank, got 'threads'");
    }
}
