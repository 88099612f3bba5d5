package dev.chronoscope.emulator.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.sink.InMemorySink;
import dev.chronoscope.emulator.time.TimeMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordedEmulationTest {
    private static final DeviceSpec H100 = DeviceCatalog.standard().get("h100-sxm");

    private final InMemorySink sink = new InMemorySink();

    private RecordedEmulation.Builder valid() {
        return RecordedEmulation.builder("run-7").devices(H100, 2)
                .predictor((device, kernel, features) -> new Prediction(1_000, "test", false)).sink(sink);
    }

    @Test
    void headerProcessAndDevicesComeFirstAndTheTrailerLast() throws InterruptedException {
        Map<String, String> unordered = new LinkedHashMap<>();
        unordered.put("zeta", "2");
        unordered.put("alpha", "1");
        try (RecordedEmulation run = valid().mode(TimeMode.MODELED).versions(unordered).wallClockEpochMillis(5).process(3, "engine").build()) {
            run.emulation().start("host", () -> {
                try {
                    run.emulation().charge(2_500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(run.run(Duration.ofSeconds(10))).isEqualTo(2_500);
            assertThatThrownBy(() -> run.run(Duration.ofSeconds(10)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("recorded emulation 'run-7' has already run");
        }

        StreamEvent.RunStart start = (StreamEvent.RunStart) sink.events().getFirst();
        assertThat(start.runId()).isEqualTo("run-7");
        assertThat(start.timeMode()).isEqualTo("modeled");
        assertThat(start.wallClockEpochMillis()).isEqualTo(5);
        assertThat(start.versions().keySet()).as("name order, whatever the caller's map order").containsExactly("alpha", "zeta");
        assertThat(sink.events().get(1)).isEqualTo(new StreamEvent.ProcessRegistered(0, 3, "engine"));
        assertThat(sink.events()).filteredOn(StreamEvent.RankRegistered.class::isInstance)
                .extracting(e -> ((StreamEvent.RankRegistered) e).processId()).containsExactly(3, 3);
        assertThat(sink.events().getLast()).isEqualTo(new StreamEvent.RunEnd(2_500, "ok", ""));
    }

    @Test
    void missingPiecesAreNamedAndNothingIsWritten() {
        assertThatThrownBy(() -> RecordedEmulation.builder("r").devices(H100, 1).sink(sink).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("recorded emulation 'r': a kernel predictor is required");
        assertThatThrownBy(() -> valid().devices(null, 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("recorded emulation 'run-7': a device type is required");
        assertThatThrownBy(() -> RecordedEmulation.builder("r").devices(H100, 1).predictor((d, k, f) -> null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("recorded emulation 'r': an event sink is required");
        assertThatThrownBy(() -> valid().devices(H100, 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device count must be ≥ 1 but was 0");
        assertThatThrownBy(() -> valid().launchLatencyNanos(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("launch latency must be ≥ 0 ns but was -1");
        assertThat(sink.events()).isEmpty();
    }
}
