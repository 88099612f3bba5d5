package dev.chronoscope.agent;

import dev.chronoscope.emulator.time.TimeMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentOptionsTest {

    @Test
    void parsesEveryOptionAndDefaultsTheRest() {
        AgentOptions o = AgentOptions.parse("gpu=h100-sxm,gpus=8,time=measured,run=/tmp/r,models=/tmp/m.db,encoding=ndjson,timeout=PT5M");
        assertThat(o.gpu()).isEqualTo("h100-sxm");
        assertThat(o.gpus()).isEqualTo(8);
        assertThat(o.timeMode()).isEqualTo(TimeMode.MEASURED);
        assertThat(o.runDir()).isEqualTo(Path.of("/tmp/r"));
        assertThat(o.models()).isEqualTo(Path.of("/tmp/m.db"));
        assertThat(o.encoding()).isEqualTo("ndjson");
        assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(5));
        AgentOptions d = AgentOptions.parse("gpu=a100-80gb");
        assertThat(d.gpus()).isEqualTo(1);
        assertThat(d.timeMode()).isEqualTo(TimeMode.MODELED);
        assertThat(d.runDir()).isNull();
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> AgentOptions.parse("gpus=2")).hasMessageContaining("gpu=<catalogue name> is required");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,gpus=two")).hasMessageContaining("gpus must be a whole number, got 'two'");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,time=fast")).hasMessageContaining("time must be modeled or measured, got 'fast'");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,color=red")).hasMessageContaining("unknown option 'color'");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,coordinator=127.0.0.1:9")).hasMessageContaining("coordinator and token go together");
        assertThatThrownBy(() -> AgentOptions.parse("gpu=h100-sxm,oops")).hasMessageContaining("'oops' is not key=value");
    }
}
