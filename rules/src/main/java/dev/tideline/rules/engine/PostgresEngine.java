package dev.tideline.rules.engine;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.ReplayCache;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Linter;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleRegistry;
import dev.tideline.rules.config.TidelineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** PostgreSQL: the analyzer and the rules of this module. */
public final class PostgresEngine implements LintEngine {
    private final ReplayCache cache;

    public PostgresEngine() {
        this(null);
    }

    /**
     * An engine whose lint runs go on from {@code cache}'s replayed histories and add to them: for a long-lived process
     * (a language server, a daemon) linting the newest files of long histories again and again.
     */
    public PostgresEngine(ReplayCache cache) {
        this.cache = cache;
    }

    @Override
    public List<String> dialects() {
        return List.of("postgres");
    }

    @Override
    public Target target(String dialect, String version) {
        if (version == null) return new Target(this, dialect, null, "PostgreSQL");
        String major = version.strip();
        try {
            PgVersion v = new PgVersion(Integer.parseInt(major));
            return new Target(this, dialect, v.toString(), "PostgreSQL " + v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + version + "' is not a PostgreSQL major version (" + PgVersion.OLDEST
                    + " to " + PgVersion.NEWEST + ")");
        }
    }

    @Override
    public List<Class<?>> ruleClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (Rule r : RuleRegistry.ALL) classes.add(r.getClass());
        return classes;
    }

    @Override
    public LintRun lint(Target target, LintRequest request) {
        TidelineConfig settings = target.version() == null ? request.settings()
                : request.settings().withPgVersion(new PgVersion(Integer.parseInt(target.version())));
        Linter linter = new Linter(settings);
        Function<Analysis, LintRun.SetLint> lintSet = set -> {
            Analysis targeted = retarget(set, request.targeting());
            List<Diagnostic> problems = new ArrayList<>();
            for (FileAnalysis file : targeted.files()) problems.addAll(file.diagnostics());
            LintResult result = linter.lint(targeted);
            return new LintRun.SetLint(request.keepFiles() ? result : result.withoutFiles(), problems);
        };
        Analyzer analyzer = new Analyzer(settings.analyzerOptions(), cache);
        List<LintRun.SetLint> sets = new ArrayList<>();
        List<Diagnostic> diagnostics = List.of();
        if (!request.paths().isEmpty()) {
            Analyzer.PerSet<LintRun.SetLint> perSet = analyzer.analyzeEachSet(request.paths(), lintSet);
            diagnostics = perSet.diagnostics();
            sets.addAll(perSet.results());
        }
        if (request.stdin() != null) sets.add(lintSet.apply(analyzer.analyzeStream("<stdin>", request.stdin())));
        return new LintRun(sets, diagnostics, settings.analyzerOptions().version());
    }

    private static Analysis retarget(Analysis analysis, Targeting targeting) {
        List<FileAnalysis> files = new ArrayList<>(analysis.files().size());
        for (FileAnalysis file : analysis.files()) {
            boolean targeted = targeting.targeted(file.file(), file.targeted());
            files.add(targeted == file.targeted() ? file : file.withTargeted(false));
        }
        return new Analysis(analysis.version(), files, analysis.diagnostics());
    }
}
