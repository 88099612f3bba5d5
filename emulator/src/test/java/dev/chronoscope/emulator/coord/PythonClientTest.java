package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real child process running the standard-library Python client joins a run: the protocol is language-neutral. */
class PythonClientTest {

    private static final Path SCRIPT = Path.of("src/test/python/coord_client.py");
    private static final Duration BOUND = Duration.ofSeconds(30);

    @BeforeAll
    static void needsPython() throws InterruptedException {
        assumeTrue(pythonAvailable(), "python3 is not on the PATH: the Python client test is skipped");
        assertThat(SCRIPT).exists();
    }

    private static boolean pythonAvailable() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process python(Coordinator coordinator, String token, String wakes) throws IOException {
        return new ProcessBuilder("python3", SCRIPT.toString(), "--port", String.valueOf(coordinator.port()),
                "--token", token, "--name", "py", "--id", "1", "--wakes", wakes)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    private static String finish(Process process) throws Exception {
        assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("python client exited").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void pythonProcessJoinsFromItsEnvironmentJumpsInTimeAndFinalizes() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2))) {
            var jvm = ScriptedClients.jumping(coordinator, "jvm", 0, 150, 400);
            ProcessBuilder launch = new ProcessBuilder("python3", SCRIPT.toString(), "--wakes", "100,250,1000");
            launch.environment().putAll(coordinator.joinEnvironment(1, "py").toMap());
            Process py = launch.start();
            try {
                RunResult result = coordinator.awaitCompletion(BOUND);

                assertThat(result.grants()).map(GrantRecord::toString).containsExactly(
                        "100 -> py#1", "150 -> jvm#0", "250 -> py#1", "400 -> jvm#0", "1000 -> py#1");
                assertThat(finish(py)).isEqualTo("GRANT 100\nGRANT 250\nGRANT 1000\nGOODBYE 1000\n");
                assertThat(py.exitValue()).isZero();
                assertThat(jvm.get()).containsExactly(150L, 400L);
                assertThat(result.finalTimes()).containsEntry("py", 1000L).containsEntry("jvm", 400L);
            } finally {
                py.destroyForcibly();
            }
        }
    }

    /** A pipeline stage written in Python receives activations from a JVM stage, in virtual time. */
    @Test
    void pythonProcessReceivesAJvmSendThatStartsWhenBothEndsHaveArrived() throws Exception {
        CollectiveCostModel byPlacement = new CollectiveCostModel() {
            @Override
            public long durationNanos(String op, long bytes, int ranks) {
                throw new AssertionError("members were given: the size-only form must not be asked");
            }

            @Override
            public long durationNanos(String op, long bytes, int[] globalRanks) {
                return bytes + 1_000L * globalRanks[1];
            }
        };
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2).withCostModel(byPlacement))) {
            var jvm = CompletableFuture.supplyAsync(() -> {
                try (CoordinatorClient client = CoordinatorClient.connect(
                        ClientOptions.local(coordinator.port(), coordinator.token(), "stage0", 0))) {
                    long now = client.awaitGrant(300);
                    var sent = client.arrive(new CollectiveArrival("pp:0->4", "send_recv", 2_048, 0, 2, now, List.of(0, 4)), 0);
                    long resumed = client.awaitGrant(() -> sent.isDone() ? sent.join().endNanos() : GlobalTimeCoordinator.NO_WAKE_UP);
                    client.finish(resumed);
                    return resumed;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, Thread::startVirtualThread);
            Process py = new ProcessBuilder("python3", SCRIPT.toString(), "--port", String.valueOf(coordinator.port()),
                    "--token", coordinator.token(), "--name", "stage1", "--id", "1", "--wakes", "100,9000",
                    "--recv", "pp:0->4,0,4,2048").redirectError(ProcessBuilder.Redirect.PIPE).start();
            try {
                coordinator.awaitCompletion(BOUND);
                long end = 300 + 2_048 + 4_000;
                assertThat(finish(py)).isEqualTo("GRANT 100\nRECEIVED 300 " + end + "\nGRANT " + end + "\nGRANT 9000\nGOODBYE 9000\n");
                assertThat(jvm.get()).isEqualTo(end);
            } finally {
                py.destroyForcibly();
            }
        }
    }

    @Test
    void pythonProcessWithAWrongTokenIsRefused() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(1))) {
            Process py = python(coordinator, "0123456789abcdef", "10");
            try {
                assertThat(finish(py)).isEqualTo("coordination failed: refused: wrong token for client 'py'\n");
                assertThat(py.exitValue()).isEqualTo(1);
            } finally {
                py.destroyForcibly();
            }
        }
    }

    @Test
    void killedPythonProcessFailsTheRunNamingItsPid() throws Exception {
        CoordinatorOptions options = CoordinatorOptions.defaults(2).withLiveness(Duration.ofMillis(100), Duration.ofSeconds(2));
        try (Coordinator coordinator = Coordinator.start(options)) {
            CountDownLatch jvmRunning = new CountDownLatch(1);
            CountDownLatch pyKilled = new CountDownLatch(1);
            // Runs at 150 and keeps running until python is dead, so python (blocked at 200) cannot finish.
            var jvm = CompletableFuture.supplyAsync(() -> {
                try (CoordinatorClient client = CoordinatorClient.connect(
                        ClientOptions.local(coordinator.port(), coordinator.token(), "jvm", 0))) {
                    client.awaitGrant(150);
                    jvmRunning.countDown();
                    pyKilled.await();
                    return client.awaitGrant(300);
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, Thread::startVirtualThread);
            Process py = python(coordinator, coordinator.token(), "100,200");
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("GRANT 100");
                assertThat(jvmRunning.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
                py.destroyForcibly().waitFor();
                pyKilled.countDown();

                String culprit = "client 'py' (id 1, pid " + py.pid() + ") ";
                assertThatThrownBy(() -> coordinator.awaitCompletion(BOUND)).isInstanceOf(CoordinationFailure.class)
                        .hasMessageStartingWith(culprit).hasMessageContaining("without GOODBYE");
                assertThatThrownBy(jvm::get).hasMessageContaining(culprit);
            } finally {
                py.destroyForcibly();
            }
        }
    }
}
