package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.agent.AgentOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessRoleTest {

    @Test
    void theDriverIsClientZeroAndWritesTheRunFolder(@TempDir Path run) {
        AgentOptions options = AgentOptions.parse("gpu=h100-sxm,gpus=4,coordinator=env,run=" + run);
        ProcessRole role = ProcessRole.coordinated(options, "dev.chronoscope.engine.cli.EngineCli", "dev.chronoscope.engine.cli.EngineCli bench");
        assertThat(role).isEqualTo(new ProcessRole("engine", 0, 0, 4, run));
        assertThat(role.isWorker()).isFalse();
    }

    @Test
    void aWorkerIsNamedByItsRankWithOneDeviceAndItsOwnFolder(@TempDir Path run) {
        AgentOptions options = AgentOptions.parse("gpu=h100-sxm,gpus=4,coordinator=env,run=" + run);
        ProcessRole role = ProcessRole.coordinated(options, ProcessRole.WORKER_MAIN, ProcessRole.WORKER_MAIN + " 40123 3");
        assertThat(role).isEqualTo(new ProcessRole("rank3", 4, 3, 1, run.resolve("ranks/rank3")));
        assertThat(role.runDir()).isDirectory();
    }

    @Test
    void aWorkerCommandWithoutARankIsNamed() {
        AgentOptions options = AgentOptions.parse("gpu=h100-sxm,coordinator=env");
        assertThatThrownBy(() -> ProcessRole.coordinated(options, ProcessRole.WORKER_MAIN, ProcessRole.WORKER_MAIN + " 40123 x"))
                .hasMessageContaining("cannot tell the rank of this worker from its command")
                .hasMessageContaining("<controlPort> <rank>");
    }

    @Test
    void coordinatorOptionsAreCheckedAtStart() {
        assertThat(AgentOptions.parse("gpu=h100-sxm,coordinator=env").coordinator()).isEqualTo("env");
        assertThat(AgentOptions.parse("gpu=h100-sxm,coordinator=127.0.0.1:9,token=ab").token()).isEqualTo("ab");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,coordinator=env,token=ab"))
                .hasMessageContaining("coordinator=env reads the token from CHRONOSCOPE_COORD_TOKEN");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,coordinator=localhost,token=ab"))
                .hasMessageContaining("coordinator must be HOST:PORT or env, got 'localhost'");
    }

    @Test
    void theEnvironmentGivesAddressAndTokenAndTheRoleGivesIdAndName() {
        AgentOptions options = AgentOptions.parse("gpu=h100-sxm,coordinator=127.0.0.1:4711,token=feed");
        var env = CoordinatorAddress.environment(options, new ProcessRole("rank2", 3, 2, 1, null));
        assertThat(env).containsEntry("CHRONOSCOPE_COORD_HOST", "127.0.0.1").containsEntry("CHRONOSCOPE_COORD_PORT", "4711")
                .containsEntry("CHRONOSCOPE_COORD_TOKEN", "feed").containsEntry("CHRONOSCOPE_COORD_ID", "3")
                .containsEntry("CHRONOSCOPE_COORD_NAME", "rank2");
    }
}
