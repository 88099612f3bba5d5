package dev.chronoscope.agent.control;

import dev.chronoscope.agent.AgentOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent options that connect a run to the workbench: {@code live=PORT} and {@code control=PORT}. */
class LiveAndControlOptionsTest {

    @Test
    void portsAreReadAndZeroWhenAbsent() {
        AgentOptions o = AgentOptions.parse("gpu=h100-sxm,live=40123,control=40124");
        assertThat(o.livePort()).isEqualTo(40123);
        assertThat(o.controlPort()).isEqualTo(40124);
        AgentOptions d = AgentOptions.parse("gpu=h100-sxm");
        assertThat(d.livePort()).isZero();
        assertThat(d.controlPort()).isZero();
    }

    @Test
    void aBadPortIsNamed() {
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,live=http"))
                .hasMessageContaining("live must be a port number from 1 to 65535, got 'http'");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,control=70000"))
                .hasMessageContaining("control must be a port number from 1 to 65535, got '70000'");
    }
}
