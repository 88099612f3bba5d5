package dev.chronoscope.emulator.cli;

import dev.chronoscope.emulator.models.TestSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsCommandTest {
    @TempDir Path dir;

    private record Run(int rc, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = new CommandLine(new ChronoscopeCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--models";
        full[args.length + 1] = dir.resolve("models.db").toString();
        int rc = cli.execute(full);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void freshStoreIsSeededAndListsTheShippedDefaults() {
        Run r = run("models", "list");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("h100-sxm/mlp_up_proj@").contains("a100-80gb:pairwise-nvlink").contains("a40/add@");
    }

    @Test
    void importFitActivateAndCheck() throws Exception {
        Path mlp = TestSamples.vidurMlp(dir.resolve("prof"), new int[]{1, 16, 64, 256, 1024, 2048, 4096}, new int[]{1, 2, 4});
        Run imported = run("models", "import-vidur", dir.resolve("prof").toString(), "--device", "l40s");
        assertThat(imported.rc()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 210 samples for l40s");

        Run fit = run("models", "fit", "l40s", "add", "--features", "1,tokens,bytes");
        assertThat(fit.rc()).as(fit.err()).isZero();
        assertThat(fit.out()).containsPattern("saved l40s/add@\\d+ \\(linear, parent -\\), active");
        long first = Long.parseLong(fit.out().replaceAll("(?s).*l40s/add@(\\d+).*", "$1"));
        Run refit = run("models", "fit", "l40s", "add", "--form", "roofline", "--no-activate");
        assertThat(refit.out()).contains("(roofline, parent " + first + ")");
        long second = Long.parseLong(refit.out().replaceAll("(?s).*l40s/add@(\\d+).*", "$1"));

        assertThat(run("models", "predict", "l40s", "add", "--features", "num_tokens=512,n_embd=4096,tp=1").out()).contains("model l40s/add@" + first);
        assertThat(run("models", "activate", Long.toString(second)).out()).contains("active: l40s/add@" + second);
        assertThat(run("models", "show", "l40s", "add").out()).contains("active: l40s/add@" + second).contains("version: l40s/add@" + first);

        Run check = run("models", "check-vidur", "--device", "l40s", mlp.toString());
        assertThat(check.rc()).isZero();
        List<String> lines = check.out().lines().toList();
        assertThat(lines).hasSize(11);
        assertThat(lines.getFirst()).matches("emb MAPE \\d+\\.\\d+% .*");
        assertThat(lines.getLast()).startsWith("overall MAPE ");
    }

    @Test
    void exportThenImportIntoAnotherStore() throws Exception {
        Path export = dir.resolve("export.json");
        assertThat(run("models", "export", "-o", export.toString()).rc()).isZero();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ChronoscopeCli());
        cli.setOut(new PrintWriter(out, true));
        int rc = cli.execute("models", "import", export.toString(), "--models", dir.resolve("other.db").toString());
        assertThat(rc).isZero();
        assertThat(out.toString()).containsPattern("imported \\d+ versions");
        assertThat(Files.readString(export)).contains("\"format\" : \"chronoscope-models/1\"");
    }

    @Test
    void errorsNameWhatToFix() throws Exception {
        Path bad = Files.writeString(dir.resolve("s.csv"), "kernel,duration_ns\nadd,fast\n");
        Run r = run("models", "import-samples", bad.toString(), "--device", "a40");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("s.csv:2: column 'duration_ns': 'fast' is not a number");
        assertThat(run("models", "list").out()).containsPattern("a40\\s+add\\s+0\\s+0\\s+1\\s");
        assertThat(run("models", "fit", "b200", "add").err()).contains("no included samples for b200/add");
        assertThat(run("models", "predict", "tpu-v9", "add", "--features", "num_tokens=1").err()).contains("unknown device 'tpu-v9'; known devices:");
        assertThat(run("models", "predict", "a40", "add", "--features", "num_tokens=lots").err()).contains("value of 'num_tokens' ('lots') is not a number");
        assertThat(run("models", "activate", "123456").err()).contains("no model version 123456");
    }

    @Test
    void samplesCanBeExcludedAndIncludedByIdWithinTheirKernel() throws Exception {
        Path f = Files.writeString(dir.resolve("s.csv"), "kernel,duration_ns,num_tokens\nadd,1000,1\nadd,2000,2\nemb,500,1\n");
        assertThat(run("models", "import-samples", f.toString(), "--device", "cpu-local").rc()).isZero();
        String listing = run("models", "samples", "cpu-local", "add").out();
        long first = Long.parseLong(listing.lines().findFirst().orElseThrow().split("\t")[0]);
        assertThat(run("models", "exclude", "cpu-local", "add", "--ids", Long.toString(first), "--reason", "warm-up run").out()).contains("excluded 1 samples");
        assertThat(run("models", "samples", "cpu-local", "add", "--excluded").out()).contains("excluded: warm-up run").contains("{num_tokens=1}");
        assertThat(run("models", "exclude", "cpu-local", "emb", "--ids", Long.toString(first), "--reason", "x").err()).contains("is not a sample of cpu-local/emb");
        assertThat(run("models", "include", "cpu-local", "add").out()).contains("included 1 samples");
        assertThat(run("models", "samples", "cpu-local", "add", "--excluded").out()).isEmpty();
    }

    @Test
    void importOfABadExportNamesTheEntryAndNothingIsAdded() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"models": [
                  {"device": "a40", "kernel": "add", "form": "roofline", "parameters": {"efficiency": 0.5, "overhead_ns": 100}},
                  {"device": "a40", "kernel": "add", "form": "spline", "parameters": {}}
                ]}""");
        int before = run("models", "show", "a40", "add").out().split("version").length;
        Run r = run("models", "import", bad.toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("bad.json: models[1]: unknown model form 'spline'");
        assertThat(run("models", "show", "a40", "add").out().split("version").length).isEqualTo(before);
    }
}
