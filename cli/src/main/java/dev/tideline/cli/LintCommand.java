package dev.tideline.cli;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.cli.Main.UserError;
import dev.tideline.cli.lint.GitChanges;
import dev.tideline.cli.lint.InputPaths;
import dev.tideline.cli.output.Format;
import dev.tideline.cli.output.LintReport;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Linter;
import dev.tideline.rules.RuleCatalog;
import dev.tideline.rules.Severity;
import dev.tideline.rules.baseline.Baseline;
import dev.tideline.rules.config.ConfigException;
import dev.tideline.rules.config.TidelineConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tideline lint}: per statement, what will lock, break the running release or destroy data. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Lints PostgreSQL migrations: per statement, the locks it takes, what it rewrites or scans,",
                "what breaks the release still running and what destroys data, with the safe SQL instead.",
                "",
                "Exit status: 0 no error findings, 1 error findings, 2 usage, configuration or input error."},
        footer = {"", "Examples:",
                "  tideline lint db/migrations",
                "  tideline lint --format sarif --changed-since origin/main db/migrations > tideline.sarif",
                "  git show HEAD:db/V7__x.sql | tideline lint --runner flyway -"})
final class LintCommand implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--pg-version", paramLabel = "N",
            description = "Target PostgreSQL major version, 12 to 18 (default: from tideline.yaml, else 16).")
    Integer pgVersion;

    @Option(names = "--runner", paramLabel = "RUNNER", converter = RunnerConverter.class,
            description = "Migration runner: flyway, liquibase, golang-migrate, prisma, diesel, sqlx, psql, plain"
                    + " (default: from tideline.yaml, else detected from the layout).")
    Runner runner;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: tideline.yaml in this directory or a parent).")
    Path config;

    @Option(names = "--changed-since", paramLabel = "GIT_REF",
            description = "Report only on files added or changed since this ref (its merge base with HEAD),"
                    + " still replaying the earlier migrations for the schema model.")
    String changedSince;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings not recorded in this baseline.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record today's findings in FILE (then exit 0 unless an input could not be read).")
    Path writeBaseline;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Migration files, directories (runner layout detected), globs, or - for standard input.")
    List<String> paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        TidelineConfig settings = loadConfig(cwd);
        if (pgVersion != null) settings = settings.withPgVersion(version(pgVersion));
        if (runner != null) settings = settings.withRunner(runner);
        AnalyzerOptions options = settings.analyzerOptions();

        InputPaths inputs = InputPaths.resolve(paths, cwd);
        List<Diagnostic> problems = new ArrayList<>(inputs.problems());
        Analysis analysis = analyse(options, inputs);
        analysis = retarget(analysis, settings, changedSince == null ? null : GitChanges.since(changedSince, gitDir(inputs, cwd)));

        LintResult result = new Linter(settings).lint(analysis);
        problems.addAll(analysis.diagnostics());
        for (FileAnalysis file : analysis.files()) problems.addAll(file.diagnostics());

        if (writeBaseline != null) {
            Baseline.write(writeBaseline, result.findings());
            spec.commandLine().getErr().println("tideline lint: recorded " + result.findings().size()
                    + " finding(s) in " + writeBaseline);
        }
        int known = 0;
        if (baseline != null) {
            List<Finding> fresh = readBaseline().onlyNew(result.findings());
            known = result.findings().size() - fresh.size();
            result = new LintResult(result.analysis(), fresh, result.suppressed());
        }

        LintReport report = new LintReport(result, problems, cwd, known, LintCommand::ruleDoc);
        PrintWriter out = spec.commandLine().getOut();
        format.writer(format == Format.TEXT && colourTerminal()).write(report, out);
        out.flush();

        if (report.hasInputErrors()) return Main.USAGE_OR_IO_ERROR;
        if (writeBaseline != null) return 0;
        return result.count(Severity.ERROR) > 0 ? 1 : 0;
    }

    private TidelineConfig loadConfig(Path cwd) {
        try {
            if (config != null) {
                if (!Files.isRegularFile(config)) throw new UserError(config + ": configuration file not found");
                return TidelineConfig.load(config);
            }
            Optional<Path> found = TidelineConfig.find(cwd);
            return found.isPresent() ? TidelineConfig.load(found.get()) : TidelineConfig.defaults();
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

    private static Analysis analyse(AnalyzerOptions options, InputPaths inputs) throws IOException {
        Analyzer analyzer = new Analyzer(options);
        Analysis files = inputs.paths().isEmpty() ? null : analyzer.analyze(inputs.paths());
        if (!inputs.stdin()) return files != null ? files : new Analysis(options.version(), List.of(), List.of());
        String sql = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        Analysis stdin = analyzer.analyzeText("<stdin>", sql);
        if (files == null) return stdin;
        List<FileAnalysis> all = new ArrayList<>(files.files());
        all.addAll(stdin.files());
        List<Diagnostic> diagnostics = new ArrayList<>(files.diagnostics());
        diagnostics.addAll(stdin.diagnostics());
        return new Analysis(files.version(), all, diagnostics);
    }

    /**
     * Keeps findings to the files the user asked about: excluded paths and, in pull-request mode, files
     * unchanged since the ref are still replayed for the schema model but no longer targeted.
     */
    private static Analysis retarget(Analysis analysis, TidelineConfig settings, Set<Path> changed) {
        List<FileAnalysis> files = new ArrayList<>(analysis.files().size());
        for (FileAnalysis file : analysis.files()) {
            boolean targeted = file.targeted() && !settings.excluded(file.file())
                    && (changed == null || changed.contains(real(file.file())));
            files.add(targeted == file.targeted() ? file
                    : new FileAnalysis(file.file(), file.runner(), file.statements(), file.diagnostics(), false));
        }
        return new Analysis(analysis.version(), files, analysis.diagnostics());
    }

    /** git runs where the migrations are, which need not be the current directory's repository. */
    private static Path gitDir(InputPaths inputs, Path cwd) {
        if (inputs.paths().isEmpty()) return cwd;
        Path first = inputs.paths().get(0).toAbsolutePath();
        Path dir = Files.isDirectory(first) ? first : first.getParent();
        return dir == null ? cwd : dir;
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | UncheckedIOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private Baseline readBaseline() {
        if (!Files.isRegularFile(baseline)) throw new UserError(baseline + ": baseline file not found");
        try {
            return Baseline.read(baseline);
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(baseline + ": cannot read baseline: " + e.getMessage(), e);
        }
    }

    private static Optional<LintReport.RuleDoc> ruleDoc(String id) {
        return RuleCatalog.find(id).map(r -> new LintReport.RuleDoc(r.id(), r.summary(), r.markdown()));
    }

    /** Colour only when a person is watching: a terminal on both ends, and NO_COLOR not set. */
    private static boolean colourTerminal() {
        return System.getenv("NO_COLOR") == null && CommandLine.Help.Ansi.AUTO.enabled();
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
