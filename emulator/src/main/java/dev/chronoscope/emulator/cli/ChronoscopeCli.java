package dev.chronoscope.emulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chronoscope} command line. {@code serve} and {@code bench} belong to the engine and
 * are started by the launcher script on the engine's own classpath; they are listed here so that
 * {@code --help} shows every command in one place.
 */
@Command(name = "chronoscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Predicts how an LLM serving deployment performs on GPUs you do not have,",
                "by running real serving code GPU-free in virtual time.",
                "",
                "With no command, ./chronoscope opens the workbench."},
        subcommands = {
                EmulateCommand.class,
                EngineCommands.Serve.class,
                EngineCommands.Bench.class,
                ModelsCommand.class,
                CalibrateCommand.class,
                ValidateCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'chronoscope COMMAND --help' for one command's options."})
public final class ChronoscopeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChronoscopeCli()).execute(args));
    }
}
