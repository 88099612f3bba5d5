package dev.chronoscope.agent.control;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.JdkTimeInstrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's side of the workbench's control connection, over a real loopback socket. */
class ControlChannelTest {

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
    }

    /** An emulated thread that wakes every 100 µs of virtual time for 10 ms. */
    private static void startTicker(Emulation emulation) {
        emulation.start("ticker", () -> {
            try {
                for (int i = 1; i <= 100; i++) emulation.sleepUntil(i * 100_000L);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theWorkbenchPausesStepsByVirtualTimeResumesAndEveryHoldFlushesTheStream() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        EventSink stream = new EventSink() {
            @Override public void accept(StreamEvent event) { }
            @Override public void flush() { flushes.incrementAndGet(); }
        };
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Emulation emulation = Emulation.builder().name("controlled").build()) {
            ControlChannel.connect(server.getLocalPort(), "s3cret", emulation, stream);
            try (Socket agent = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(agent.getOutputStream(), true, StandardCharsets.UTF_8)) {
                agent.setSoTimeout(20_000);
                assertThat(in.readLine()).isEqualTo("hello s3cret");
                out.println("pause");
                assertThat(in.readLine()).isEqualTo("ok pause");
                startTicker(emulation);
                CompletableFuture<Long> end = CompletableFuture.supplyAsync(() -> complete(emulation));
                assertThat(in.readLine()).isEqualTo("held 0");
                out.println("run-for 1000000");
                assertThat(in.readLine()).isEqualTo("ok run-for 1000000");
                assertThat(in.readLine()).isEqualTo("held 1000000");
                out.println("run-for 250000");
                assertThat(in.readLine()).isEqualTo("ok run-for 250000");
                assertThat(in.readLine()).isEqualTo("held 1200000");
                assertThat(flushes).hasValue(3);
                out.println("run-for ten");
                assertThat(in.readLine()).isEqualTo("error run-for needs a whole number of nanoseconds, got 'ten'");
                out.println("rewind");
                assertThat(in.readLine()).startsWith("error unknown command 'rewind'");
                out.println("resume");
                assertThat(in.readLine()).isEqualTo("ok resume");
                assertThat(end.get(20, TimeUnit.SECONDS)).isEqualTo(10_000_000);
            }
        }
    }

    @Test
    void stopEndsAHeldEmulation() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Emulation emulation = Emulation.builder().name("stopped").build()) {
            ControlChannel.connect(server.getLocalPort(), "t", emulation, EventSink.NONE);
            try (Socket agent = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(agent.getOutputStream(), true, StandardCharsets.UTF_8)) {
                agent.setSoTimeout(20_000);
                assertThat(in.readLine()).isEqualTo("hello t");
                out.println("run-for 500000");
                assertThat(in.readLine()).isEqualTo("ok run-for 500000");
                startTicker(emulation);
                CompletableFuture<Long> end = CompletableFuture.supplyAsync(() -> complete(emulation));
                assertThat(in.readLine()).isEqualTo("held 500000");
                out.println("stop");
                assertThat(in.readLine()).isEqualTo("ok stop");
                assertThatThrownBy(() -> end.get(20, TimeUnit.SECONDS)).rootCause().hasMessageContaining("was stopped");
            }
        }
    }

    @Test
    void aControlPortNobodyListensOnFailsNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Emulation emulation = Emulation.builder().build()) {
            assertThatThrownBy(() -> ControlChannel.connect(port, "t", emulation, EventSink.NONE))
                    .hasMessageContaining("cannot reach the workbench's control port 127.0.0.1:" + port);
        }
    }

    private static long complete(Emulation emulation) {
        try {
            return emulation.awaitCompletion(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
