package dev.chronoscope.engine.bench;

import dev.chronoscope.engine.client.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WorkloadGeneratorTest {

    @Test
    void randomDatasetDrawsLengthsInTheRatioRangeAndTheSeedRepeatsIt() {
        RandomDataset dataset = new RandomDataset(100, 10, 0.5);
        List<BenchRequest> a = new WorkloadGenerator(dataset, Double.POSITIVE_INFINITY, 1, 42).generate(200);
        List<BenchRequest> b = new WorkloadGenerator(dataset, Double.POSITIVE_INFINITY, 1, 42).generate(200);
        assertThat(a).allSatisfy(r -> {
            assertThat(r.promptLen()).isBetween(50, 150);
            assertThat(r.outputLen()).isBetween(5, 15);
            assertThat(((Prompt.Tokens) r.prompt()).tokenIds()).hasSize(r.promptLen());
            assertThat(r.arrivalSeconds()).isZero();
        });
        assertThat(a).extracting(BenchRequest::promptLen).isEqualTo(b.stream().map(BenchRequest::promptLen).toList());
        assertThat(((Prompt.Tokens) a.get(3).prompt()).tokenIds()).isEqualTo(((Prompt.Tokens) b.get(3).prompt()).tokenIds());
        assertThat(a.stream().mapToInt(BenchRequest::promptLen).distinct().count()).isGreaterThan(20);
    }

    @Test
    void gammaArrivalsHaveMeanGapOneOverRateStartingAtZero() {
        RandomDataset dataset = new RandomDataset(4, 4, 0);
        for (double burstiness : new double[]{1.0, 0.5, 4.0}) {
            List<BenchRequest> requests = new WorkloadGenerator(dataset, 10, burstiness, 1).generate(4000);
            assertThat(requests.getFirst().arrivalSeconds()).isZero();
            assertThat(requests).extracting(BenchRequest::arrivalSeconds).isSorted();
            double meanGap = requests.getLast().arrivalSeconds() / (requests.size() - 1);
            assertThat(meanGap).as("burstiness " + burstiness).isCloseTo(0.1, within(0.01));
        }
    }

    @Test
    void traceKeepsItsArrivalsShiftedToZeroAndItsLengths(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "num_decode_tokens,arrived_at,num_prefill_tokens\n5,10.5,100\n7,11.0,20\n3,12.25,8\n");
        TraceDataset trace = TraceDataset.load(csv);
        List<BenchRequest> requests = new WorkloadGenerator(trace, 3.0, 1, 0).generate(3);
        assertThat(requests).extracting(BenchRequest::arrivalSeconds).containsExactly(0.0, 0.5, 1.75);
        assertThat(requests).extracting(BenchRequest::promptLen).containsExactly(100, 20, 8);
        assertThat(requests).extracting(BenchRequest::outputLen).containsExactly(5, 7, 3);
        assertThatThrownBy(() -> trace.sample(4, new java.util.Random(0))).hasMessageContaining("has 3 requests");
    }

    @Test
    void badTraceCellsAreNamedByLineAndColumn(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "arrived_at,num_prefill_tokens,num_decode_tokens\n0,10,5\n1,ten,5\n");
        assertThatThrownBy(() -> TraceDataset.load(csv)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.csv: line 3: column 'num_prefill_tokens' must be a non-negative number, got 'ten'");
        Files.writeString(csv, "arrived_at,num_prefill_tokens,num_decode_tokens\n0,10,0\n");
        assertThatThrownBy(() -> TraceDataset.load(csv)).hasMessageContaining("line 2: column 'num_decode_tokens' must be a positive integer");
    }

    @Test
    void shareGptTakesFirstTurnsSkipsShortOnesAndCountsBytes(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("sharegpt.json");
        Files.writeString(json, """
                [{"id": "1", "conversations": [{"from": "human", "value": "Tell me a story"},
                                               {"from": "gpt", "value": "Once upon a time"}]},
                 {"id": "2", "conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello there"}]},
                 {"id": "3", "conversations": [{"from": "human", "value": "only one turn"}]}]""");
        ShareGptDataset dataset = ShareGptDataset.load(json, new dev.chronoscope.engine.core.ByteLevelTokenizer(), null);
        List<BenchRequest> requests = dataset.sample(1, new java.util.Random(0));
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.prompt()).isEqualTo(Prompt.text("Tell me a story"));
            assertThat(r.promptLen()).isEqualTo(15);
            assertThat(r.outputLen()).isEqualTo(16);
        });
        assertThatThrownBy(() -> dataset.sample(2, new java.util.Random(0))).hasMessageContaining("only 1 usable");
        Files.writeString(json, "{\"not\": \"a list\"}");
        assertThatThrownBy(() -> ShareGptDataset.load(json, new dev.chronoscope.engine.core.ByteLevelTokenizer(), null))
                .hasMessageContaining("JSON array of conversations");
    }
}
