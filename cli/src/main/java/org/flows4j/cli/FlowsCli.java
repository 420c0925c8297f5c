package org.flows4j.cli;

import org.flows4j.data.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flows} command-line tool: a demo, tabular fits against known densities, benchmarks, backend report. */
@Command(name = "flows", mixinStandardHelpOptions = true, version = "flows4j 0.1.0",
        description = "Normalizing flows on the JVM: fit, evaluate and sample NICE and RealNVP models.",
        subcommands = {DemoCommand.class, FitCommand.class, ScoreCommand.class, SampleCommand.class,
                EvaluateCommand.class, TabularCommand.class, TrainImagesCommand.class, ImageDemosCommand.class, AblationCommand.class, BenchCommand.class, BackendCommand.class,
                CommandLine.HelpCommand.class})
public final class FlowsCli {

    /** Runs the command given by {@code args} and exits with its code: 2 for a user error, 1 for an internal one. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: user errors print one line and exit 2, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FlowsCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof DataFormatException || e instanceof IllegalArgumentException
                    || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("flows: error: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("flows: internal error: " + e);
            return 1;
        });
        return cli;
    }
}
