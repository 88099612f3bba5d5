package dev.chronoscope.engine.api;

import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.core.ByteLevelTokenizer;
import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.core.EngineCore;
import dev.chronoscope.engine.core.EngineListener;
import dev.chronoscope.engine.core.RequestStats;
import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.testing.ScriptedTestExecutor;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A streaming client that hangs up makes the engine abort its request. */
class ClientDisconnectTest {

    @Test
    void hangingUpMidStreamAbortsTheRequest() throws Exception {
        ScriptedTestExecutor executor = new ScriptedTestExecutor(256, 64, ByteLevelTokenizer.EOS);
        try (EngineCore core = EngineCore.start(executor, EngineConfig.defaults());
             ApiServer server = ApiServer.start(new EngineClient(core, new ByteLevelTokenizer(), "test-model"),
                     new ApiServerConfig("127.0.0.1", 0, null))) {
            CompletableFuture<RequestStats> finished = new CompletableFuture<>();
            core.addListener(new EngineListener() {
                @Override public void onRequestFinished(RequestStats stats) { finished.complete(stats); }
            });
            Semaphore permits = new Semaphore(0);
            executor.gateSteps(permits);
            String body = "{\"prompt\": \"x\", \"max_tokens\": 250, \"stream\": true}";
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(executor.awaitStepsEntered(1, Duration.ofSeconds(10))).isTrue();
                permits.release(1);
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            }
            permits.release(1000);
            RequestStats stats = finished.get(10, TimeUnit.SECONDS);
            assertThat(stats.finishReason()).isEqualTo(FinishReason.ABORT);
            assertThat(stats.numOutputTokens()).isLessThan(250);
            assertThat(core.metrics().finishedRequests(FinishReason.ABORT)).isEqualTo(1);
        }
    }
}
