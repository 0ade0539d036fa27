package dev.tideline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: one subcommand class per job. */
@Command(name = "tideline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps database migrations from taking production down.",
        subcommands = {
                LintCommand.class,
                RulesCommand.class,
                ExplainCommand.class,
                PlanCommand.class,
                BackfillCommand.class,
                ReportCommand.class,
                TraceCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 error findings, 2 usage/config/I-O error). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
