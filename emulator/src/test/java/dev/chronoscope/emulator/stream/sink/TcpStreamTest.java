package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.SampleEvents;
import dev.chronoscope.emulator.stream.codec.StreamFormatException;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpStreamTest {

    /** Collects one connection's events and completes when it ends or fails. */
    static final class Collector implements StreamListener {
        final InMemorySink events = new InMemorySink();
        final CompletableFuture<String> ended = new CompletableFuture<>();

        @Override public void onEvent(String source, StreamEvent event) { events.accept(event); }
        @Override public void onEnd(String source) { ended.complete(source); }
        @Override public void onError(String source, RuntimeException error) { ended.completeExceptionally(error); }

        List<StreamEvent> awaitEnd() throws Exception {
            ended.get(10, TimeUnit.SECONDS);
            return events.events();
        }
    }

    @Test
    void everyEventTypeCrossesLoopbackTcp() throws Exception {
        Collector collector = new Collector();
        try (StreamServer server = StreamServer.start(LiveDetail.ALL, collector)) {
            try (TcpSink sink = TcpSink.connect(server.port(), Duration.ofSeconds(10))) {
                assertThat(sink.detail()).isEqualTo(LiveDetail.ALL);
                SampleEvents.everyType().forEach(sink::accept);
            }
            assertThat(collector.awaitEnd()).isEqualTo(SampleEvents.everyType());
            assertThat(collector.ended.get()).startsWith("127.0.0.1:");
        }
    }

    @Test
    void theSubscriberChoosesKernelDetail() throws Exception {
        Collector collector = new Collector();
        try (StreamServer server = StreamServer.start(LiveDetail.everyNthKernel(3), collector)) {
            try (TcpSink sink = TcpSink.connect(server.port(), Duration.ofSeconds(10))) {
                for (int i = 0; i < 10; i++) {
                    for (int stream = 0; stream < 2; stream++) {
                        sink.accept(new StreamEvent.Kernel(i * 10L, i * 10L + 5, 0, stream, "k" + i, Features.of("n", i), "v1", false, -1));
                    }
                }
                sink.accept(new StreamEvent.RunEnd(200, "ok", null));
            }
            List<StreamEvent> received = collector.awaitEnd();
            assertThat(received).filteredOn(e -> e instanceof StreamEvent.Kernel k && k.stream() == 0)
                    .extracting(e -> ((StreamEvent.Kernel) e).name()).containsExactly("k0", "k3", "k6", "k9");
            assertThat(received).filteredOn(e -> e instanceof StreamEvent.Kernel k && k.stream() == 1).hasSize(4);
            assertThat(received.getLast()).isEqualTo(new StreamEvent.RunEnd(200, "ok", null));
        }
    }

    @Test
    void kernelsOffSendsEverythingElse() throws Exception {
        Collector collector = new Collector();
        try (StreamServer server = StreamServer.start(LiveDetail.NO_KERNELS, collector)) {
            try (TcpSink sink = TcpSink.connect(server.port(), Duration.ofSeconds(10))) {
                SampleEvents.everyType().forEach(sink::accept);
            }
            assertThat(collector.awaitEnd()).isEqualTo(
                    SampleEvents.everyType().stream().filter(e -> !(e instanceof StreamEvent.Kernel)).toList());
        }
    }

    @Test
    void aProducerThatDiesMidStreamIsReportedAsTruncated() throws Exception {
        Collector collector = new Collector();
        try (StreamServer server = StreamServer.start(LiveDetail.ALL, collector)) {
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                raw.getInputStream().readNBytes(10);
                OutputStream out = raw.getOutputStream();
                out.write("CHRSTRM\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(new byte[] {0, 1, 0, 0, 5, 0x14});
                out.flush();
            }
            assertThatThrownBy(collector::awaitEnd)
                    .hasCauseInstanceOf(StreamFormatException.class)
                    .hasMessageContaining("byte offset 14")
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void connectingWhereNobodyListensNamesThePort() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> TcpSink.connect(port, Duration.ofSeconds(5)))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot stream to 127.0.0.1:" + port);
    }

    @Test
    void aSubscriberThatNeverSubscribesTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> TcpSink.connect(silent.getLocalPort(), Duration.ofMillis(300)))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot stream to 127.0.0.1:" + silent.getLocalPort());
        }
    }
}
