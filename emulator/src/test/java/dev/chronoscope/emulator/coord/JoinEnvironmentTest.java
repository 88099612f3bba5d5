package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinEnvironmentTest {

    @Test
    void aProcessJoinsFromTheEnvironmentItsLauncherGaveIt() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(1))) {
            Map<String, String> env = coordinator.joinEnvironment(7, "worker7").toMap();
            assertThat(env).containsEntry("CHRONOSCOPE_COORD_PORT", String.valueOf(coordinator.port()))
                    .containsEntry("CHRONOSCOPE_COORD_TOKEN", coordinator.token());

            try (CoordinatorClient client = CoordinatorClient.connect(ClientOptions.fromEnvironment(env))) {
                assertThat(client.clientId()).isEqualTo(7);
                client.finish(client.awaitGrant(3));
            }
            assertThat(coordinator.awaitCompletion(Duration.ofSeconds(10)).grants())
                    .containsExactly(new GrantRecord(3, 7, "worker7"));
        }
    }

    @Test
    void missingOrMalformedVariablesAreNamed() {
        Map<String, String> env = new HashMap<>(new JoinEnvironment("127.0.0.1", 4000, "t", 0, "n").toMap());
        env.remove(JoinEnvironment.TOKEN);
        assertThatThrownBy(() -> JoinEnvironment.from(env))
                .hasMessageStartingWith("environment variable CHRONOSCOPE_COORD_TOKEN is not set");
        env.put(JoinEnvironment.TOKEN, "t");
        env.put(JoinEnvironment.PORT, "70000");
        assertThatThrownBy(() -> JoinEnvironment.from(env))
                .hasMessage("environment variable CHRONOSCOPE_COORD_PORT must be an integer in 1..65535, got '70000'");
    }
}
