package dev.chronoscope.engine.bench;

import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.core.ByteLevelTokenizer;
import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.core.EngineCore;
import dev.chronoscope.engine.testing.ScriptedTestExecutor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The same load generator and metrics, driving an engine in this JVM with no HTTP. */
class InProcessBenchmarkTest {

    @Test
    void runsAWorkloadInProcessAndAccountsEveryToken() throws InterruptedException {
        try (EngineCore core = EngineCore.start(new ScriptedTestExecutor(256, 128, ByteLevelTokenizer.EOS),
                EngineConfig.defaults().withMaxNumSeqs(8))) {
            EngineClient client = new EngineClient(core, new ByteLevelTokenizer(), "test-model");
            List<BenchRequest> requests = new WorkloadGenerator(new RandomDataset(40, 6, 0.5), 2000, 1.0, 3)
                    .generate(30);
            BenchmarkRunner.Run run = new BenchmarkRunner(new InProcessRequestSender(client, true), 4).run(requests);
            BenchmarkResult result = BenchmarkMetrics.compute(run.outcomes(), run.durationSeconds(), null,
                    new double[]{99});
            assertThat(result.completed()).isEqualTo(30);
            assertThat(result.totalOutputTokens()).isEqualTo(requests.stream().mapToInt(BenchRequest::outputLen).sum());
            assertThat(result.totalInputTokens()).isEqualTo(requests.stream().mapToInt(BenchRequest::promptLen).sum());
            assertThat(result.maxConcurrentRequests()).isBetween(1, 4);
            assertThat(run.outcomes()).allSatisfy(o -> {
                assertThat(o.itl()).hasSize(o.outputTokens() - 1);
                assertThat(o.latency()).isGreaterThanOrEqualTo(o.ttft());
                assertThat(o.generatedText()).hasSize(o.outputTokens());
            });
            assertThat(core.metrics().generationTokens()).isEqualTo(result.totalOutputTokens());
        }
    }
}
