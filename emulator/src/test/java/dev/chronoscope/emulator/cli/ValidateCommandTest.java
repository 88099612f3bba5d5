package dev.chronoscope.emulator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options of {@code validate}: refused before anything runs or is written. */
class ValidateCommandTest {
    @TempDir Path dir;

    private record Run(int rc, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = new CommandLine(new ChronoscopeCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int rc = cli.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void unknownScenarioIsNamedWithTheKnownOnes() {
        Run r = run("validate", "--quick", "--scenarios", "tp1-low,tp4-low", "--out", dir.resolve("v").toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("--scenarios: unknown scenario 'tp4-low'; known: tp1-low,tp1-high,tp2-low,tp2-high");
        assertThat(dir.resolve("v")).doesNotExist();
    }

    @Test
    void repeatsBelowOneAndAnUnknownTimeModeAreRefused() {
        assertThat(run("validate", "--repeats", "0").err()).contains("--repeats must be at least 1, got 0");
        assertThat(run("validate", "--time-mode", "wall").err()).contains("--time-mode must be modeled or measured, got 'wall'");
        assertThat(run("validate", "--repeats", "x").err()).contains("Invalid value for option '--repeats'");
        assertThat(run("validate", "--nice", "-21").err()).contains("--nice must be in -20..19, got -21");
    }

    @Test
    void outputFolderMustBeNewOrEmpty() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Run r = run("validate", "--quick", "--out", full.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("--out " + full + " is not empty; give a new or empty folder");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(run("validate", "--out", file.toString()).err()).contains("--out " + file + " is a file, not a folder");
    }

    @Test
    void withoutAnInstallationItSaysHowToRunIt() {
        Run r = run("validate", "--quick", "--models", dir.resolve("models.db").toString(), "--out", dir.resolve("v").toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("chronoscope validate: the system property chronoscope.home is not set")
                .contains("./chronoscope");
        assertThat(dir.resolve("v")).doesNotExist();
    }
}
