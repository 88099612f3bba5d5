package dev.chronoscope.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** --version must answer without starting JavaFX: packaged launchers are checked with it on machines with no display. */
class LauncherTest {

    @Test
    void versionAnswersWithoutStartingJavaFx() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Launcher.main(new String[]{"--version"});
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("chronoscope workbench ").contains("Java " + Runtime.version());
    }
}
