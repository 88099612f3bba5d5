package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.SampleEvents;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanOutAndDetailTest {

    @Test
    void fanOutDeliversEveryEventToEverySinkInOrder() {
        InMemorySink a = new InMemorySink();
        InMemorySink b = new InMemorySink();
        try (FanOutSink fan = FanOutSink.of(a, new DetailFilterSink(LiveDetail.NO_KERNELS, b))) {
            SampleEvents.everyType().forEach(fan::accept);
        }
        assertThat(a.events()).isEqualTo(SampleEvents.everyType());
        assertThat(b.events()).isEqualTo(SampleEvents.everyType().stream().filter(e -> !(e instanceof StreamEvent.Kernel)).toList());
    }

    @Test
    void fanOutClosesEverySinkEvenWhenOneFails() {
        AtomicBoolean secondClosed = new AtomicBoolean();
        EventSink failing = new EventSink() {
            @Override public void accept(StreamEvent event) {}
            @Override public void close() { throw new IllegalStateException("disk full"); }
        };
        EventSink second = new EventSink() {
            @Override public void accept(StreamEvent event) {}
            @Override public void close() { secondClosed.set(true); }
        };
        assertThatThrownBy(() -> FanOutSink.of(failing, second).close()).hasMessage("disk full");
        assertThat(secondClosed).isTrue();
    }

    @Test
    void liveDetailRejectsNegativeSampling() {
        assertThatThrownBy(() -> new LiveDetail(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveDetail.everyNthKernel(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
