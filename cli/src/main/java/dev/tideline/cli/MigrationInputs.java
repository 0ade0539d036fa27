package dev.tideline.cli;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.cli.Main.UserError;
import dev.tideline.cli.lint.GitChanges;
import dev.tideline.cli.lint.InputPaths;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.LintRun;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.engine.Targeting;
import dev.tideline.rules.config.ConfigException;
import dev.tideline.rules.config.TidelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every command that reads migrations the way {@code lint} does shares (a picocli mixin): target
 * version, runner, configuration file, {@code --changed-since} and the PATH arguments, and turning them into
 * an analysis.
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

    /**
     * The linted inputs.
     *
     * @param target   the engine and version the run checked for
     * @param problems paths that could not be resolved and diagnostics of the analysis, each located
     */
    record Linted(TidelineConfig settings, Target target, InputPaths inputs, LintResult result, List<Diagnostic> problems) {}

    /**
     * Analyses and lints the inputs one migration set at a time, sets in parallel, with the target's engine; excluded
     * paths and, with {@code --changed-since}, files unchanged since that ref are replayed for the schema model but not
     * targeted.
     *
     * @param keepFiles keep every file's analysis in the result (plan, report and {@code --stats} read it); else each
     *     set's analysis is dropped once linted, so a lint's memory follows its findings rather than its input
     */
    Linted lint(Path cwd, boolean keepFiles) throws IOException {
        TidelineConfig settings = settings(cwd);
        Target chosen = Engines.target(settings, dialect, target, pgVersion != null);
        InputPaths inputs = InputPaths.resolve(paths, cwd);
        Set<Path> changed = changedSince == null ? null : GitChanges.since(changedSince, gitDir(inputs, cwd));
        Targeting targeting = new Targeting(settings, changed);
        LintRun run = chosen.engine().lint(chosen, new LintRequest(settings, inputs.paths(),
                inputs.stdin() ? System.in : null, targeting, keepFiles));
        List<Diagnostic> problems = new ArrayList<>(inputs.problems());
        problems.addAll(run.diagnostics());
        List<LintResult> results = new ArrayList<>(run.sets().size());
        for (LintRun.SetLint set : run.sets()) {
            results.add(set.result());
            problems.addAll(set.problems());
        }
        if (targeting.excludedEverything()) {
            throw new UserError("every file named is excluded by the exclude patterns " + settings.exclude()
                    + (settings.source() == null ? "" : " of " + settings.source())
                    + ": nothing would be checked; name other files or narrow the patterns");
        }
        LintResult result = LintResult.concat(run.version(), run.diagnostics(), results);
        return new Linted(settings, chosen, inputs, result, problems);
    }

    /** {@link #lint} for a command that plans (plan, report), which needs PostgreSQL's analysis. */
    Linted lintForPlans(Path cwd, String command) throws IOException {
        Engines.requirePostgres(Engines.target(settings(cwd), dialect, target, pgVersion != null), command);
        return lint(cwd, true);
    }

    /** The configuration with the command-line overrides applied. */
    TidelineConfig settings(Path cwd) {
        TidelineConfig settings = loadConfig(cwd);
        if (pgVersion != null) settings = settings.withPgVersion(version(pgVersion));
        if (runner != null) settings = settings.withRunner(runner);
        return settings;
    }

    private TidelineConfig loadConfig(Path cwd) {
        try {
            if (config != null) {
                if (!Files.isRegularFile(config)) throw new UserError(config + ": configuration file not found");
                return TidelineConfig.load(config, Engines.ruleIds());
            }
            Optional<Path> found = TidelineConfig.find(cwd);
            return found.isPresent() ? TidelineConfig.load(found.get(), Engines.ruleIds()) : TidelineConfig.defaults();
        } catch (ConfigException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private static PgVersion version(int major) {
        try {
            return new PgVersion(major);
        } catch (IllegalArgumentException e) {
            throw new UserError("--pg-version: " + e.getMessage(), e);
        }
    }

    /** git runs where the migrations are, which need not be the current directory's repository. */
    private static Path gitDir(InputPaths inputs, Path cwd) {
        if (inputs.paths().isEmpty()) return cwd;
        Path first = inputs.paths().get(0).toAbsolutePath();
        Path dir = Files.isDirectory(first) ? first : first.getParent();
        return dir == null ? cwd : dir;
    }

    /** Accepts runner names as users write them: {@code golang-migrate}, {@code Flyway}. */
    static final class RunnerConverter implements CommandLine.ITypeConverter<Runner> {
        @Override
        public Runner convert(String value) {
            try {
                return Runner.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (Runner r : Runner.values()) names.add(Main.lower(r));
                throw new CommandLine.TypeConversionException(
                        "unknown runner '" + value + "': choose one of " + String.join(", ", names));
            }
        }
    }
}
