package dev.tideline.cli;

import dev.tideline.analyzer.tx.Runner;
import dev.tideline.api.LintRequest;
import dev.tideline.api.RunnerNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every command that reads migrations the way {@code lint} does shares (a picocli mixin): target
 * version, runner, configuration file, {@code --changed-since} and the PATH arguments, as a {@link LintRequest}.
 */
final class MigrationInputs {
    @Option(names = "--pg-version", paramLabel = "N",
            description = "Target PostgreSQL major version, 12 to 18 (default: from tideline.yaml, else 16).")
    Integer pgVersion;

    @Option(names = "--dialect", paramLabel = "DIALECT",
            description = "SQL dialect of the migrations: postgres, mysql or mariadb (default: from tideline.yaml, else postgres).")
    String dialect;

    @Option(names = "--target", paramLabel = "DIALECT[:VERSION]",
            description = "Target server, e.g. postgres:16, mysql:8.0.36, mariadb:10.11 (default: from tideline.yaml).")
    String target;

    @Option(names = "--runner", paramLabel = "RUNNER", converter = RunnerConverter.class,
            description = "Migration runner: flyway, liquibase, golang-migrate, prisma, diesel, sqlx, goose, psql, plain"
                    + " (default: from tideline.yaml, else detected from the layout).")
    Runner runner;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: tideline.yaml in this directory or a parent).")
    Path config;

    @Option(names = "--changed-since", paramLabel = "GIT_REF",
            description = "Report only on files added or changed since this ref (its merge base with HEAD),"
                    + " still replaying the earlier migrations for the schema model.")
    String changedSince;

    @Parameters(paramLabel = "PATH", arity = "1..*", preprocessor = PathArguments.class,
            description = "Migration files, directories (runner layout detected), globs, or - for standard input.")
    List<String> paths;

    /**
     * Takes a run of PATH arguments at once. picocli otherwise checks each one for a resemblance to an option, by
     * trying to parse it as a number and catching the exception: with the 4,532 files of a corpus named on the
     * command line that was ~0.1 s. Options between paths, and {@code --} before paths that start with a dash, work
     * as before.
     */
    static final class PathArguments implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandLine.Model.CommandSpec command,
                                  CommandLine.Model.ArgSpec paths, Map<String, Object> info) {
            List<String> taken = new ArrayList<>();
            while (!args.isEmpty()) {
                String next = args.peek();
                if (next.equals("--")) {
                    args.pop();
                    while (!args.isEmpty()) taken.add(args.pop());
                } else if (next.length() > 1 && next.startsWith("-")) {
                    break;
                } else {
                    taken.add(args.pop());
                }
            }
            if (taken.isEmpty()) return false; // an option-like value: picocli's own rules decide
            List<String> value = paths.getValue();
            List<String> all = value == null ? new ArrayList<>() : new ArrayList<>(value);
            all.addAll(taken);
            paths.setValue(all);
            return true;
        }
    }

    /** These options as a request to the composition root, paths and globs resolved from {@code cwd}. */
    LintRequest request(Path cwd, boolean keepFiles) {
        return new LintRequest(cwd, paths, config, dialect, target, pgVersion, runner, changedSince, System.in, keepFiles);
    }

    /** Accepts runner names as users write them: {@code golang-migrate}, {@code Flyway}. */
    static final class RunnerConverter implements CommandLine.ITypeConverter<Runner> {
        @Override
        public Runner convert(String value) {
            try {
                return RunnerNames.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
