package dev.chronoscope.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** Entry point of the engine jar: {@code chronoscope serve} and {@code chronoscope bench}. */
@Command(name = "chronoscope", mixinStandardHelpOptions = true, subcommands = {CommandLine.HelpCommand.class},
        description = "Chronoscope's LLM serving engine and benchmark client.")
public final class EngineCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine(ModelBackends.standard(), System.out).execute(args));
    }

    /** Without a subcommand: say what there is. */
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    /** The command line with its subcommands; tests pass their own backend factory and output. */
    public static CommandLine commandLine(ModelBackendFactory backends, PrintStream out) {
        CommandLine cli = new CommandLine(new EngineCli());
        cli.addSubcommand(new CommandLine(new ServeCommand(backends)));
        cli.addSubcommand(new CommandLine(new BenchCommand(backends, out)));
        // Users act on a message naming the bad option or file, not on a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            commandLine.getErr().println("chronoscope " + commandLine.getCommandName() + ": " + message);
            return 2;
        });
        return cli;
    }
}
