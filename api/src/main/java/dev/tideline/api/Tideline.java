package dev.tideline.api;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Linter;
import dev.tideline.rules.config.ConfigException;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.LintRun;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.engine.Targeting;
import dev.tideline.rules.plan.EnginePlanner;
import dev.tideline.rules.plan.Planner;
import dev.tideline.rules.plan.PlannerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one composition root every front end calls: configuration, then the run's target, then the analysis of each
 * migration set (sets in parallel), retargeted to the files asked about ({@code changedSince}, excludes), then lint and
 * plan. The command line, the Maven plugin and the JUnit API read migrations exactly alike because they all come here.
 */
public final class Tideline {
    private Tideline() {}

    /**
     * Analyses and lints the requested migrations with the target's engine; excluded paths and, with
     * {@code changedSince}, files unchanged since that ref are replayed for the schema model but get no findings.
     *
     * @throws TidelineException for a problem the user can fix (configuration, target, git ref, excludes that leave nothing)
     */
    public static Linted lint(LintRequest request) {
        TidelineConfig settings = settings(request);
        Target target = target(settings, request);
        Read read = read(request, settings, request.keepFiles());
        InputPaths inputs = read.inputs();
        Targeting targeting = read.request().targeting();
        LintRun run = target.engine().lint(target, read.request());
        List<Diagnostic> problems = new ArrayList<>(inputs.problems());
        problems.addAll(run.diagnostics());
        List<LintResult> results = new ArrayList<>(run.sets().size());
        for (LintRun.SetLint set : run.sets()) {
            results.add(set.result());
            problems.addAll(set.problems());
        }
        if (targeting.excludedEverything()) {
            throw new TidelineException("every file named is excluded by the exclude patterns " + settings.exclude()
                    + (settings.source() == null ? "" : " of " + settings.source())
                    + ": nothing would be checked; name other files or narrow the patterns");
        }
        LintResult result = LintResult.concat(run.version(), run.diagnostics(), results);
        return new Linted(settings, target, inputs, result, List.copyOf(problems));
    }

    /**
     * Lints the requested migrations, keeping every file's analysis, and plans their risky changes as releases; an
     * engine with a planner of its own (MySQL, MariaDB) reads and plans them itself.
     */
    public static Planned plan(PlanRequest request) {
        LintRequest migrations = request.migrations();
        TidelineConfig settings = settings(migrations);
        Target target = target(settings, migrations);
        Optional<EnginePlanner> own = target.engine().planner();
        if (own.isPresent()) return plan(own.get(), settings, target, request);
        Linted linted = lint(migrations);
        PlannerOptions options = new PlannerOptions(linted.result().analysis().version(), request.lockTimeoutMs(),
                request.statementTimeoutMs(), request.retry(), request.retries(), request.batchSize(), request.pauseMs());
        return new Planned(linted, new Planner(options).plan(linted.result()), null);
    }

    private static Planned plan(EnginePlanner planner, TidelineConfig settings, Target target, PlanRequest request) {
        Read read = read(request.migrations(), settings, true);
        InputPaths inputs = read.inputs();
        EnginePlanner.Planned planned = planner.plan(target, read.request(), new EnginePlanner.Settings(request.lockTimeoutMs(), request.retry(), request.retries(), request.batchSize(),
                        request.pauseMs()), settings.runner());
        List<Diagnostic> problems = new ArrayList<>(inputs.problems());
        problems.addAll(planned.problems());
        LintResult result = new LintResult(new Analysis(null, planned.planned(), List.of()), List.of(), List.of());
        return new Planned(new Linted(settings, target, inputs, result, List.copyOf(problems)), planned.plan(),
                planner.running(planned.runner()));
    }

    /** The request's paths resolved, and what an engine reads: the files, and which of them are asked about. */
    private record Read(InputPaths inputs, dev.tideline.rules.engine.LintRequest request) {}

    private static Read read(LintRequest request, TidelineConfig settings, boolean keepFiles) {
        InputPaths inputs = InputPaths.resolve(againstCwd(request), request.cwd());
        Set<Path> changed = request.changedSince() == null ? null
                : GitChanges.since(request.changedSince(), gitDir(inputs, request.cwd()));
        return new Read(inputs, new dev.tideline.rules.engine.LintRequest(settings, inputs.paths(),
                inputs.stdin() ? request.stdin() : null, new Targeting(settings, changed), keepFiles));
    }

    /** Refuses, before any file is read, a target the command does not support yet (plans, reports, traces). */
    public static void requirePostgres(LintRequest request, String command) {
        TidelineConfig settings = settings(request);
        Engines.requirePostgres(target(settings, request), command);
    }

    /**
     * Analyses and lints files against one PostgreSQL version and session time zone, for a trace whose server decides
     * both once it is running.
     */
    public static LintResult lintForServer(TidelineConfig settings, List<Path> files, PgVersion version, String timeZone) {
        TidelineConfig forServer = settings.withPgVersion(version);
        Analysis analysis = new Analyzer(forServer.analyzerOptions().withTimeZone(timeZone)).analyze(files);
        return new Linter(forServer).lint(analysis);
    }

    /** The configuration file (named, else {@code tideline.yaml} from the request's directory up) with the request's overrides. */
    public static TidelineConfig settings(LintRequest request) {
        TidelineConfig settings = loadConfig(request.config(), request.cwd());
        Optional<FlywayConfig> flyway = FlywayConfig.find(request.cwd());
        if (flyway.isPresent()) settings = settings.withDefaultPlaceholders(flyway.get().placeholders());
        if (request.pgVersion() != null) settings = settings.withPgVersion(pgVersion(request.pgVersion()));
        if (request.runner() != null) settings = settings.withRunner(request.runner());
        return settings;
    }

    /** A PostgreSQL major version as a user wrote it, or a clear error. */
    public static PgVersion pgVersion(int major) {
        try {
            return new PgVersion(major);
        } catch (IllegalArgumentException e) {
            throw new TidelineException("--pg-version: " + e.getMessage(), e);
        }
    }

    private static Target target(TidelineConfig settings, LintRequest request) {
        return Engines.target(settings, request.dialect(), request.target(), request.pgVersion() != null);
    }

    private static TidelineConfig loadConfig(Path config, Path cwd) {
        try {
            if (config != null) {
                Path file = cwd.resolve(config);
                // a device or a pipe is refused by the loader, saying so
                if (!Files.exists(file)) throw new TidelineException(config + ": configuration file not found");
                return TidelineConfig.load(file, Engines.ruleIds());
            }
            Optional<Path> found = TidelineConfig.find(cwd);
            return found.isPresent() ? TidelineConfig.load(found.get(), Engines.ruleIds()) : TidelineConfig.defaults();
        } catch (ConfigException e) {
            throw new TidelineException(e.getMessage(), e);
        }
    }

    /**
     * The paths as given when the request's directory is the process's (so reports name files as the user did),
     * else resolved against the request's directory (a Maven module's base directory, a test's project).
     */
    private static List<String> againstCwd(LintRequest request) {
        if (request.cwd().equals(Path.of("").toAbsolutePath())) return request.paths();
        return request.paths().stream().map(p -> p.equals("-") ? p : request.cwd().resolve(p).toString()).toList();
    }

    /** git runs where the migrations are, which need not be the current directory's repository. */
    private static Path gitDir(InputPaths inputs, Path cwd) {
        if (inputs.paths().isEmpty()) return cwd;
        Path first = cwd.resolve(inputs.paths().get(0)).toAbsolutePath();
        Path dir = Files.isDirectory(first) ? first : first.getParent();
        return dir == null ? cwd : dir;
    }
}
