package dev.chronoscope.emulator.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine JVM's options: the emulation's own, then what CHRONOSCOPE_ENGINE_JVM_OPTIONS adds. */
class EngineInstallationTest {

    @Test
    void extraOptionsFollowTheEmulationsOwnSplitAtWhitespace() {
        assertThat(EngineInstallation.withExtraOptions(EngineInstallation.EMULATION_JVM_OPTIONS,
                "  -XX:StartFlightRecording=filename=/tmp/x.jfr \t-Xlog:gc  "))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:StartFlightRecording=filename=/tmp/x.jfr", "-Xlog:gc");
    }

    @Test
    void noOrBlankExtraOptionsLeaveTheEmulationsOwn() {
        assertThat(EngineInstallation.withExtraOptions(List.of("-a"), null)).containsExactly("-a");
        assertThat(EngineInstallation.withExtraOptions(List.of("-a"), " ")).containsExactly("-a");
    }
}
