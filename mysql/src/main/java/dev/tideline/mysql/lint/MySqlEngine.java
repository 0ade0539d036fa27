package dev.tideline.mysql.lint;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.changelog.ChangelogNames;
import dev.tideline.analyzer.files.MigrationFiles;
import dev.tideline.analyzer.files.SourceReader;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.source.GooseSections;
import dev.tideline.analyzer.source.SplitResult;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.RunnerDetector;
import dev.tideline.analyzer.tx.TransactionTracker;
import dev.tideline.mysql.MySqlScript;
import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.lex.MySqlLexis;
import dev.tideline.mysql.lex.MySqlSplitter;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.parse.MySqlRecognizer;
import dev.tideline.mysql.schema.MySqlSchema;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Linter;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.LintEngine;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.LintRun;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.engine.Targeting;
import dev.tideline.rules.suppress.SuppressionScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB: files split as the {@code mysql} client and the runners send them, each statement recognized,
 * transactions as the server keeps them (every DDL commits on its own), and the wing's rules, into the project's
 * findings, suppressions and coverage.
 */
public final class MySqlEngine implements LintEngine {
    /** Liquibase reads these lines itself; the server never sees them ({@code --x} is not a MySQL comment). */
    private static final Pattern LIQUIBASE_LINE = Pattern.compile(
            "(?im)^[ \\t]*--[ \\t]*(liquibase formatted|changeset|rollback|comment|precondition|preconditions|validCheckSum|ignoreLines|property)\\b.*$");

    private final SourceReader reader = new SourceReader(SourceReader.DEFAULT_MAX_BYTES);

    @Override
    public List<String> dialects() {
        return List.of("mysql", "mariadb");
    }

    @Override
    public Target target(String dialect, String version) {
        MySqlVersion.Flavour flavour = dialect.equals("mariadb") ? MySqlVersion.Flavour.MARIADB : MySqlVersion.Flavour.MYSQL;
        MySqlVersion v = version == null
                ? (flavour == MySqlVersion.Flavour.MARIADB ? MySqlVersion.DEFAULT_MARIADB : MySqlVersion.DEFAULT_MYSQL)
                : MySqlVersion.parse(version, flavour);
        if (dialect.equals("mysql") && v.isMariaDb()) {
            throw new IllegalArgumentException("'" + version + "' is a MariaDB version: set dialect mariadb");
        }
        return new Target(this, dialect, v.toString(), v.display());
    }

    @Override
    public List<Class<?>> ruleClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (MySqlRule r : MySqlRules.ALL) classes.add(r.getClass());
        for (Rule r : Linter.suppressionRules()) classes.add(r.getClass());
        return classes;
    }

    @Override
    public LintRun lint(Target target, LintRequest request) {
        Run run = run(target, request);
        List<LintRun.SetLint> sets = new ArrayList<>();
        List<Diagnostic> diagnostics = List.of();
        if (!request.paths().isEmpty()) {
            MigrationFiles.Collected collected = MigrationFiles.collect(request.paths());
            diagnostics = collected.diagnostics();
            sets.addAll(collected.sets().parallelStream().map(set -> run.set(set.entries(), request.keepFiles())).toList());
        }
        if (request.stdin() != null) {
            Path name = Path.of("<stdin>");
            sets.add(run.files(List.of(reader.read(name, request.stdin())), List.of(true), request.keepFiles()));
        }
        return new LintRun(sets, diagnostics, null);
    }

    @Override
    public java.util.Optional<dev.tideline.rules.plan.EnginePlanner> planner() {
        return java.util.Optional.of(new dev.tideline.mysql.plan.MySqlPlanner(this));
    }

    @Override
    public java.util.Optional<dev.tideline.rules.plan.EngineBackfill> backfill() {
        return java.util.Optional.of(new dev.tideline.mysql.plan.MySqlBackfill());
    }

    /** The server version a target names. */
    public static MySqlVersion version(Target target) {
        return MySqlVersion.parse(target.version(),
                target.dialect().equals("mariadb") ? MySqlVersion.Flavour.MARIADB : MySqlVersion.Flavour.MYSQL);
    }

    /**
     * A file read and replayed as lint reads it.
     *
     * @param diagnostics what reading it met (shown for targeted files only)
     */
    public record ReadFile(FileAnalysis analysis, MySqlFile file, List<Diagnostic> diagnostics) {}

    /** The files of every migration set named by the request, in migration order, read as lint reads them; and what collecting them met. */
    public record ReadSets(List<List<ReadFile>> sets, List<Diagnostic> diagnostics) {}

    /** Reads the migrations without linting them (the planner walks them itself). */
    public ReadSets read(Target target, LintRequest request) {
        Run run = run(target, request);
        List<List<ReadFile>> sets = new ArrayList<>();
        List<Diagnostic> diagnostics = List.of();
        if (!request.paths().isEmpty()) {
            MigrationFiles.Collected collected = MigrationFiles.collect(request.paths());
            diagnostics = collected.diagnostics();
            for (var set : collected.sets()) sets.add(run.read(set.entries()));
        }
        if (request.stdin() != null) {
            SourceReader.Source source = reader.read(Path.of("<stdin>"), request.stdin());
            sets.add(List.of(run.readFile(source, true, new MySqlSchema(run.version))));
        }
        return new ReadSets(sets, diagnostics);
    }

    private Run run(Target target, LintRequest request) {
        Set<String> ids = new LinkedHashSet<>();
        for (Class<?> c : ruleClasses()) ids.add(c.getAnnotation(RuleInfo.class).id());
        Linter linter = new Linter(request.settings(), Linter.suppressionRules(), ids);
        return new Run(version(target), request.settings(), request.targeting(), linter);
    }

    /** One lint run: its version, settings and rules. */
    private final class Run {
        private final MySqlVersion version;
        private final TidelineConfig settings;
        private final Targeting targeting;
        private final Linter linter;
        private final List<Enabled> rules = new ArrayList<>();

        private record Enabled(MySqlRule rule, RuleInfo info, Severity severity) {}

        Run(MySqlVersion version, TidelineConfig settings, Targeting targeting, Linter linter) {
            this.version = version;
            this.settings = settings;
            this.targeting = targeting;
            this.linter = linter;
            for (MySqlRule r : MySqlRules.ALL) {
                Severity severity = linter.configured(r.info());
                if (severity != null && r.appliesTo(version)) rules.add(new Enabled(r, r.info(), severity));
            }
        }

        LintRun.SetLint set(List<MigrationFiles.Entry> entries, boolean keepFiles) {
            List<SourceReader.Source> sources = new ArrayList<>();
            List<Boolean> named = new ArrayList<>();
            for (MigrationFiles.Entry e : entries) {
                sources.add(source(e));
                named.add(e.targeted());
            }
            return files(sources, named, keepFiles);
        }

        private SourceReader.Source source(MigrationFiles.Entry e) {
            // Liquibase's MySQL/MariaDB SQL generation is not wired yet: an input error, never its XML read as SQL.
            return ChangelogNames.isChangelog(e.file())
                    ? new SourceReader.Source(e.file(), null, List.of(new Diagnostic(e.file(), 0, 0, Diagnostic.Severity.ERROR,
                            "invalid-changelog", "Liquibase XML/YAML/JSON changelogs are linted for PostgreSQL only so far: not analysed")))
                    : reader.read(e.file());
        }

        /** One migration set's files read in order on one schema model. */
        List<ReadFile> read(List<MigrationFiles.Entry> entries) {
            MySqlSchema schema = new MySqlSchema(version);
            List<ReadFile> out = new ArrayList<>();
            for (MigrationFiles.Entry e : entries) out.add(readFile(source(e), e.targeted(), schema));
            return out;
        }

        ReadFile readFile(SourceReader.Source source, boolean named, MySqlSchema schema) {
            boolean targeted = targeting.targeted(source.file(), named);
            Read read = read(source, schema);
            return new ReadFile(new FileAnalysis(source.file(), read.runner(), List.of(), read.diagnostics(), targeted, source.text()),
                    read.file(), read.diagnostics());
        }

        /** The files of one migration set, in migration order. */
        LintRun.SetLint files(List<SourceReader.Source> sources, List<Boolean> named, boolean keepFiles) {
            List<FileAnalysis> files = new ArrayList<>();
            List<Diagnostic> problems = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            List<LintResult.Suppressed> suppressed = new ArrayList<>();
            int targetedFiles = 0;
            int statements = 0;
            int unrecognized = 0;
            MySqlSchema schema = new MySqlSchema(version);
            for (int i = 0; i < sources.size(); i++) {
                SourceReader.Source source = sources.get(i);
                boolean targeted = targeting.targeted(source.file(), named.get(i));
                Read read = read(source, schema);
                problems.addAll(targeted ? read.diagnostics() : List.of());
                FileAnalysis file = new FileAnalysis(source.file(), read.runner(), List.of(), read.diagnostics(), targeted,
                        source.text());
                files.add(file);
                if (!targeted) continue;
                targetedFiles++;
                for (MySqlStatement s : read.file().statements()) {
                    if (s.called()) continue;
                    statements++;
                    if (!MySqlRecognizer.complete(s.operations())) unrecognized++;
                }
                Linter.FileResult result = linter.finish(file, extents(read.file()), true, lint(read.file()));
                findings.addAll(result.findings());
                suppressed.addAll(result.suppressed());
            }
            Analysis analysis = new Analysis(null, keepFiles ? List.copyOf(files) : List.of(), List.of());
            return new LintRun.SetLint(new LintResult(analysis, List.copyOf(findings), List.copyOf(suppressed),
                    new LintResult.Coverage(targetedFiles, statements, unrecognized)), problems);
        }

        private List<Finding> lint(MySqlFile file) {
            Report report = new Report(file.file());
            List<Finding> raw = new ArrayList<>();
            for (Enabled e : rules) {
                report.use(e.info(), e.severity());
                e.rule().check(file, report);
                raw.addAll(Linter.onePerStatement(report.drain()));
            }
            return raw;
        }

        private record Read(Runner runner, MySqlFile file, List<Diagnostic> diagnostics) {}

        private Read read(SourceReader.Source source, MySqlSchema schema) {
            List<Diagnostic> diagnostics = new ArrayList<>(source.diagnostics());
            String text = source.text();
            Runner runner = settings.runner() != null ? settings.runner()
                    : RunnerDetector.detect(source.file(), firstLine(text));
            if (text == null) return new Read(runner, new MySqlFile(source.file(), runner, version, List.of(), List.of()), diagnostics);
            String sql = GooseSections.upOnly(text);
            if (runner == Runner.LIQUIBASE) sql = blank(sql, LIQUIBASE_LINE);
            // split here for the file's diagnostics; MySqlScript splits it the same way for the analysis
            MySqlLexis lexis = new MySqlLexis(true, false, version.commentNumber(), version.isMariaDb());
            SplitResult split = new MySqlSplitter(lexis).split(source.file(), sql);
            diagnostics.addAll(split.diagnostics());
            if (split.statements().isEmpty() && split.diagnostics().isEmpty()) {
                diagnostics.add(new Diagnostic(source.file(), 0, 0, Diagnostic.Severity.INFO, "no-statements",
                        text.isBlank() ? "empty file: nothing to analyse" : "no SQL statements: nothing but comments and whitespace"));
            }
            List<Integer> changesets = new ArrayList<>();
            if (runner == Runner.LIQUIBASE) {
                for (TransactionTracker.Changeset c : TransactionTracker.changesets(text)) changesets.add(c.line());
            }
            List<MySqlScript.Analysed> analysed = new MySqlScript(schema).analyse(source.file(), sql);
            return new Read(runner, replay(source.file(), runner, analysed, changesets), diagnostics);
        }

        /**
         * Follows the file statement by statement (a CALLed procedure's body where the CALL is): the tables it creates,
         * its transactions and its lock_wait_timeout.
         */
        private MySqlFile replay(Path path, Runner runner, List<MySqlScript.Analysed> analysed, List<Integer> changesets) {
            Set<String> created = new HashSet<>();
            boolean open = false;
            boolean timeout = false;
            List<MySqlStatement> all = new ArrayList<>();
            List<List<MySqlStatement>> units = new ArrayList<>();
            List<MySqlStatement> unit = new ArrayList<>();
            int nextChangeset = 0;
            for (MySqlScript.Analysed top : analysed) {
                while (nextChangeset < changesets.size() && changesets.get(nextChangeset) <= top.statement().line()) {
                    nextChangeset++;
                    if (!unit.isEmpty()) units.add(List.copyOf(unit));
                    unit = new ArrayList<>();
                    created.clear();
                }
                for (MySqlScript.Analysed a : runOrder(top, new ArrayList<>())) {
                    boolean called = a != top;
                    MySqlStatement st = new MySqlStatement(a.statement(), a.operations(), a.predictions(), a.onOldest(), called,
                            Set.copyOf(created), open, timeout);
                    all.add(st);
                    unit.add(st);
                    for (MySqlOperation op : Statements.flatten(a.operations())) {
                        created(op, created);
                        if (Statements.setsLockWaitTimeout(op)) timeout = true;
                        if (op instanceof MySqlOperation.Transaction tx && !called) {
                            String c = tx.command();
                            if (c.equals("START") || c.equals("BEGIN")) open = true;
                            else if (c.equals("COMMIT") || c.equals("ROLLBACK") && !rollbackToSavepoint(a.statement())) open = false;
                        } else if (Statements.commitsImplicitly(op)) {
                            open = false;
                        }
                    }
                }
            }
            if (!unit.isEmpty()) units.add(List.copyOf(unit));
            return new MySqlFile(path, runner, version, List.copyOf(all), List.copyOf(units));
        }

        /** A statement, then the statements of the procedures it calls, in the order they run. */
        private static List<MySqlScript.Analysed> runOrder(MySqlScript.Analysed a, List<MySqlScript.Analysed> out) {
            out.add(a);
            for (MySqlScript.Analysed c : a.called()) runOrder(c, out);
            return out;
        }

        private static boolean rollbackToSavepoint(SqlStatement s) {
            return s.text().toUpperCase(Locale.ROOT).matches("(?s)ROLLBACK\\s+(WORK\\s+)?TO\\b.*");
        }

        private static void created(MySqlOperation op, Set<String> created) {
            if (op instanceof MySqlOperation.CreateTable ct && !ct.temporary()) created.add(ct.table().key());
            if (op instanceof MySqlOperation.RenameTables rt) {
                for (MySqlOperation.RenameTables.Rename r : rt.renames()) {
                    if (created.remove(r.from().key())) created.add(r.to().key());
                }
            }
        }

        private static List<SuppressionScanner.Extent> extents(MySqlFile file) {
            List<SuppressionScanner.Extent> out = new ArrayList<>();
            for (MySqlStatement s : file.statements()) {
                SqlStatement st = s.statement();
                out.add(new SuppressionScanner.Extent(st.line(), s.called() ? st.line() : st.endLine()));
            }
            out.sort(java.util.Comparator.comparingInt(SuppressionScanner.Extent::line));
            return out;
        }
    }

    /** Each line matching {@code pattern} replaced by spaces, so that positions stay as in the file. */
    private static String blank(String text, Pattern pattern) {
        return pattern.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
    }

    /** The first non-blank line, where runners put their annotations. */
    private static String firstLine(String text) {
        if (text == null) return null;
        for (String line : text.split("\n", 64)) if (!line.isBlank()) return line;
        return null;
    }
}
