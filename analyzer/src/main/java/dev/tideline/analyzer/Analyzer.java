package dev.tideline.analyzer;

import dev.tideline.analyzer.changelog.ChangelogNames;
import dev.tideline.analyzer.changelog.LiquibaseChangelog;
import dev.tideline.analyzer.files.MigrationFiles;
import dev.tideline.analyzer.files.SourceReader;
import dev.tideline.analyzer.locks.LockModel;
import dev.tideline.analyzer.locks.SessionTimeZone;
import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.parse.StatementParser;
import dev.tideline.analyzer.schema.SchemaReplay;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.source.Dialect;
import dev.tideline.analyzer.source.GooseSections;
import dev.tideline.analyzer.source.MySqlLookalike;
import dev.tideline.analyzer.source.SplitResult;
import dev.tideline.analyzer.source.Splitter;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.RunnerDetector;
import dev.tideline.analyzer.tx.TransactionTracker;
import dev.tideline.analyzer.tx.TxContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The analyzer's entry point: paths (or text) in, {@link Analysis} out. Migration sets are analysed in parallel; within
 * a set, files are read and parsed in parallel (each file on its own), then replayed in migration order so every
 * statement sees the schema as it stood just before it.
 * Bad input never throws: it becomes a located {@link Diagnostic} and the run goes on.
 */
public final class Analyzer {
    private final AnalyzerOptions options;
    private final ReplayCache cache;
    private final SourceReader reader = new SourceReader(SourceReader.DEFAULT_MAX_BYTES);
    private final Map<Path, String> unsaved;

    public Analyzer(AnalyzerOptions options) {
        this(options, null);
    }

    /** An analyzer that continues from {@code cache}'s replayed histories (null: none) and adds to them. */
    public Analyzer(AnalyzerOptions options, ReplayCache cache) {
        this(options, cache, Map.of());
    }

    /**
     * An analyzer that also reads the given targeted files' text from {@code unsaved} instead of the disk (an editor's
     * buffers, keyed by absolute normalised path); every other file of their sets is read from the disk as usual.
     */
    public Analyzer(AnalyzerOptions options, ReplayCache cache, Map<Path, String> unsaved) {
        this.options = options;
        this.cache = cache;
        this.unsaved = Map.copyOf(unsaved);
    }

    /** Every set of the inputs analysed, as one analysis: files in set order, each set replayed on its own. */
    public Analysis analyze(List<Path> inputs) {
        PerSet<Analysis> sets = analyzeEachSet(inputs, set -> set);
        List<FileAnalysis> files = new ArrayList<>();
        for (Analysis set : sets.results()) files.addAll(set.files());
        return new Analysis(options.version(), List.copyOf(files), sets.diagnostics());
    }

    /**
     * What {@link #analyzeEachSet} returns.
     *
     * @param results     each migration set's result, in input order
     * @param diagnostics problems with the inputs themselves (missing paths, unreadable folders)
     */
    public record PerSet<R>(List<R> results, List<Diagnostic> diagnostics) {}

    /**
     * Analyses each migration set of the inputs on its own and hands its analysis to {@code perSet}. Sets are
     * independent (each replays into its own schema), so they run in parallel, {@code perSet} included; a set's
     * analysis can be dropped once {@code perSet} returns, so a caller that keeps only a summary of each runs in
     * memory bounded by its largest sets, not by the whole input.
     */
    public <R> PerSet<R> analyzeEachSet(List<Path> inputs, Function<Analysis, R> perSet) {
        MigrationFiles.Collected collected = MigrationFiles.collect(inputs);
        List<R> results = collected.sets().parallelStream().map(set -> perSet.apply(analyzeSet(set))).toList();
        return new PerSet<>(results, collected.diagnostics());
    }

    /**
     * One set: its files read and parsed in parallel, then replayed in migration order. With a cache, the replay-only
     * files before the first targeted one come from it when none of them changed, and go into it when they did.
     */
    private Analysis analyzeSet(MigrationFiles.MigrationSet set) {
        List<MigrationFiles.Entry> entries = set.entries();
        int earlier = 0;
        while (cache != null && earlier < entries.size() && !entries.get(earlier).targeted()) earlier++;
        String key = earlier == 0 || earlier == entries.size() ? null : checkpointKey(entries.subList(0, earlier));
        if (key == null) {
            List<FileAnalysis> files = new ArrayList<>(entries.size());
            replayEntries(entries, new SchemaReplay(), files);
            return new Analysis(options.version(), List.copyOf(files), List.of());
        }
        ReplayCache.Checkpoint checkpoint = cache.get(key);
        if (checkpoint == null) {
            List<FileAnalysis> replayed = new ArrayList<>(earlier);
            SchemaReplay replay = new SchemaReplay();
            replayEntries(entries.subList(0, earlier), replay, replayed);
            checkpoint = new ReplayCache.Checkpoint(replayed, replay);
            cache.put(key, checkpoint);
        }
        List<FileAnalysis> files = new ArrayList<>(checkpoint.files);
        replayEntries(entries.subList(earlier, entries.size()), checkpoint.replay.fork(), files);
        return new Analysis(options.version(), List.copyOf(files), List.of());
    }

    /** Reads and parses the entries in parallel, then replays them in order into {@code replay}, adding to {@code files}. */
    private void replayEntries(List<MigrationFiles.Entry> entries, SchemaReplay replay, List<FileAnalysis> files) {
        List<Parsed> parsed = entries.parallelStream()
                .flatMap(entry -> ChangelogNames.isChangelog(entry.file())
                        ? readChangelog(entry).stream() : java.util.stream.Stream.of(readAndParse(entry)))
                .toList();
        for (Parsed p : parsed) files.add(replayFile(p, replay));
    }

    /**
     * The cache key of replaying these files with these options, or null when they cannot be cached: a changelog
     * (whose included files its digest does not cover) or a file that cannot be read (its diagnostic is made anew).
     */
    private String checkpointKey(List<MigrationFiles.Entry> entries) {
        java.security.MessageDigest key = MemoryReplayCache.sha256();
        key.update(options.toString().getBytes(StandardCharsets.UTF_8));
        for (MigrationFiles.Entry e : entries) {
            if (ChangelogNames.isChangelog(e.file())) return null;
            try {
                key.update((e.file() + "\0").getBytes(StandardCharsets.UTF_8));
                key.update(cache.digest(e.file()));
            } catch (java.io.IOException | RuntimeException unreadable) {
                return null;
            }
        }
        return java.util.HexFormat.of().formatHex(key.digest());
    }

    /** Analyses text that has no file of its own (stdin); {@code displayName} locates its diagnostics. */
    public Analysis analyzeText(String displayName, String sql) {
        Path name = Path.of(displayName);
        return analyzeSource(name, SourceReader.decode(name, sql.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Analyses a stream that has no file of its own (stdin), read like a file: the size limit, BOMs, UTF-16, invalid
     * UTF-8 and binary content are reported as for a file.
     */
    public Analysis analyzeStream(String displayName, InputStream in) {
        Path name = Path.of(displayName);
        return analyzeSource(name, reader.read(name, in));
    }

    private Analysis analyzeSource(Path name, SourceReader.Source source) {
        FileAnalysis file = replayFile(parse(name, source, true), new SchemaReplay());
        return new Analysis(options.version(), List.of(file), List.of());
    }

    /**
     * A file read, split and parsed, its runner detected: everything that does not depend on earlier files (done in
     * parallel, off the in-order replay).
     */
    private record Parsed(Path file, boolean targeted, String text, String firstLine, Runner runner,
                          List<SqlStatement> statements, List<List<Operation>> operations, List<Diagnostic> diagnostics,
                          List<TransactionTracker.Changeset> changesets) {
        /** A file whose Liquibase changesets (if any) are told by its {@code --changeset} lines. */
        Parsed(Path file, boolean targeted, String text, String firstLine, Runner runner, List<SqlStatement> statements,
               List<List<Operation>> operations, List<Diagnostic> diagnostics) {
            this(file, targeted, text, firstLine, runner, statements, operations, diagnostics,
                    runner == Runner.LIQUIBASE && text != null ? TransactionTracker.changesets(text) : List.of());
        }
    }

    /**
     * A file read and parsed; one too large for the heap is reported and dropped (its half-made statements become
     * garbage), so the other files still get their analysis.
     */
    private Parsed readAndParse(MigrationFiles.Entry entry) {
        try {
            String buffer = unsaved.isEmpty() ? null : unsaved.get(entry.file().toAbsolutePath().normalize());
            SourceReader.Source source = buffer == null ? reader.read(entry.file())
                    : SourceReader.decode(entry.file(), buffer.getBytes(StandardCharsets.UTF_8));
            return parse(entry.file(), source, entry.targeted());
        } catch (OutOfMemoryError e) {
            Diagnostic d = new Diagnostic(entry.file(), 0, 0, Diagnostic.Severity.ERROR, "file-too-large",
                    "not enough memory to analyse this file: not analysed (give the JVM more heap, e.g. TIDELINE_JAVA_OPTS='-Xmx2g')");
            return new Parsed(entry.file(), entry.targeted(), null, null, Runner.PLAIN, List.of(), List.of(), List.of(d));
        }
    }

    private Parsed parse(Path file, SourceReader.Source source, boolean targeted) {
        List<Diagnostic> diagnostics = new ArrayList<>(source.diagnostics());
        String text = source.text();
        String firstLine = firstLine(text);
        Runner runner = options.runner() != null ? options.runner() : RunnerDetector.detect(file, firstLine);
        if (text == null) return new Parsed(file, targeted, null, null, runner, List.of(), List.of(), diagnostics);
        SplitResult split;
        try {
            split = new Splitter(options.placeholders(), dialect(runner)).split(file, GooseSections.upOnly(source.text()));
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.add(new Diagnostic(file, 0, 0, Diagnostic.Severity.ERROR, "internal-error",
                    "could not split the file into statements (" + e + "): not analysed"));
            return new Parsed(file, targeted, text, firstLine, runner, List.of(), List.of(), diagnostics);
        }
        diagnostics.addAll(split.diagnostics());
        Diagnostic mysql = MySqlLookalike.hint(file, split.statements());
        if (mysql != null) diagnostics.add(mysql);
        if (split.statements().isEmpty() && split.diagnostics().isEmpty()) {
            diagnostics.add(new Diagnostic(file, 0, 0, Diagnostic.Severity.INFO, "no-statements", source.text().isBlank()
                    ? "empty file: nothing to analyse" : "no SQL statements: nothing but comments, whitespace and semicolons"));
        }
        List<List<Operation>> operations = operations(file, split.statements(), split.uncertain(), diagnostics);
        return new Parsed(file, targeted, text, firstLine, runner, split.statements(), operations, diagnostics);
    }

    /** Each statement's operations; one whose end is uncertain or that the parser fails on is unrecognized. */
    private static List<List<Operation>> operations(Path file, List<SqlStatement> statements,
                                                    java.util.Map<Integer, String> uncertainEnds, List<Diagnostic> diagnostics) {
        StatementParser parser = new StatementParser();
        List<List<Operation>> operations = new ArrayList<>(statements.size());
        for (SqlStatement s : statements) {
            String uncertain = uncertainEnds.get(s.index());
            if (uncertain != null) {
                operations.add(List.of(new Operation.Unrecognized("where this statement ends is not known: " + uncertain)));
                continue;
            }
            try {
                operations.add(parser.parse(s));
            } catch (RuntimeException | StackOverflowError e) {
                operations.add(List.of(new Operation.Unrecognized("parser failure: " + e)));
                diagnostics.add(new Diagnostic(file, s.line(), s.column(), Diagnostic.Severity.ERROR, "internal-error",
                        "statement could not be parsed (" + e + ")"));
            }
        }
        return operations;
    }

    /**
     * A Liquibase XML/YAML/JSON changelog and the changelogs it includes, in deployment order: each changelog file one
     * {@link Parsed}, each changeSet a unit located at its line, each change's generated SQL split like a SQL file and
     * located at the change's line. Included formatted-SQL changelogs are read as SQL files. A changelog Liquibase
     * rejects (or any other XML/YAML/JSON file) is an input error.
     */
    private List<Parsed> readChangelog(MigrationFiles.Entry entry) {
        List<LiquibaseChangelog.ChangeSetSql> changeSets;
        try {
            changeSets = LiquibaseChangelog.read(entry.file());
        } catch (LiquibaseChangelog.InvalidChangelog e) {
            Diagnostic d = new Diagnostic(entry.file(), 0, 0, Diagnostic.Severity.ERROR, "invalid-changelog",
                    "not SQL and not a changelog Liquibase accepts: " + e.getMessage() + ": not analysed");
            return List.of(new Parsed(entry.file(), entry.targeted(), null, null, Runner.LIQUIBASE, List.of(), List.of(), List.of(d)));
        }
        Path named = entry.file().toAbsolutePath().normalize();
        java.util.Map<Path, List<LiquibaseChangelog.ChangeSetSql>> byFile = new java.util.LinkedHashMap<>();
        for (LiquibaseChangelog.ChangeSetSql cs : changeSets) byFile.computeIfAbsent(cs.file(), f -> new ArrayList<>()).add(cs);
        List<Parsed> out = new ArrayList<>();
        for (var e : byFile.entrySet()) {
            // files are shown as the user named the changelog: relative to it when it was given relative
            Path shown = entry.file().isAbsolute() ? e.getKey() : relativeTo(entry.file(), named, e.getKey());
            if (e.getValue().get(0).sqlChangelog()) {
                out.add(parse(shown, reader.read(shown), entry.targeted()));
            } else {
                out.add(changelogUnits(shown, entry.targeted(), e.getValue()));
            }
        }
        return out;
    }

    private static Path relativeTo(Path given, Path givenAbsolute, Path file) {
        Path dir = given.getParent() == null ? Path.of("") : given.getParent();
        return dir.resolve(givenAbsolute.getParent().relativize(file)).normalize();
    }

    private Parsed changelogUnits(Path file, boolean targeted, List<LiquibaseChangelog.ChangeSetSql> changeSets) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SqlStatement> statements = new ArrayList<>();
        List<TransactionTracker.Changeset> units = new ArrayList<>();
        Splitter splitter = new Splitter(options.placeholders(), Dialect.STATEMENTS);
        for (LiquibaseChangelog.ChangeSetSql cs : changeSets) {
            units.add(new TransactionTracker.Changeset(cs.line(), cs.id() + " by " + cs.author(), cs.runInTransaction()));
            for (LiquibaseChangelog.ChangeSql change : cs.changes()) {
                for (String sql : change.sql()) {
                    for (SqlStatement s : splitter.split(file, sql).statements()) {
                        statements.add(new SqlStatement(file, statements.size(), change.line(), 1, change.line(), 1, s.text()));
                    }
                }
            }
        }
        String text = reader.read(file).text();
        List<List<Operation>> operations = operations(file, statements, java.util.Map.of(), diagnostics);
        return new Parsed(file, targeted, text, null, Runner.LIQUIBASE, statements, operations, diagnostics, units);
    }

    /** Who reads the file before the server: psql, a runner that sends statement by statement, or one query string. */
    static Dialect dialect(Runner runner) {
        return switch (runner) {
            case PSQL, PLAIN -> Dialect.PSQL;
            case FLYWAY, LIQUIBASE, GOOSE -> Dialect.STATEMENTS;
            case GOLANG_MIGRATE, PRISMA, DIESEL, SQLX -> Dialect.SCRIPT;
        };
    }

    private FileAnalysis replayFile(Parsed p, SchemaReplay replay) {
        Runner runner = p.runner();
        replay.startUnit();
        // A Liquibase changelog holds many changesets, each deployed on its own: a table from an earlier one is not new.
        List<TransactionTracker.Changeset> changesets = p.changesets();
        int changeset = 0;
        List<SchemaView> before = new ArrayList<>();
        List<List<AnalyzedOperation>> analysed = new ArrayList<>();
        List<List<AnalyzedNestedStatement>> nested = new ArrayList<>();
        List<TransactionTracker.Stmt> txInput = new ArrayList<>();
        SessionTimeZone zone = new SessionTimeZone(options.timeZone());
        for (int i = 0; i < p.statements().size(); i++) {
            int line = p.statements().get(i).line();
            boolean nextChangeset = false;
            while (changeset < changesets.size() && changesets.get(changeset).line() <= line) {
                changeset++;
                nextChangeset = true;
            }
            if (nextChangeset && changeset > 1) replay.startUnit();
            SchemaView schema = replay.snapshot();
            List<AnalyzedOperation> ops = new ArrayList<>();
            boolean transactional = true;
            for (Operation op : p.operations().get(i)) {
                LockEffect effect = LockModel.effect(op, schema, options.version(), zone.utc());
                transactional &= effect.transactional();
                ops.add(new AnalyzedOperation(op, effect, onNewTable(op, effect, schema)));
            }
            List<AnalyzedNestedStatement> inBlocks = new ArrayList<>();
            for (Operation op : p.operations().get(i)) apply(op, replay, zone.utc(), inBlocks);
            zone.accept(p.operations().get(i));
            before.add(schema);
            analysed.add(List.copyOf(ops));
            nested.add(List.copyOf(inBlocks));
            txInput.add(new TransactionTracker.Stmt(p.statements().get(i).line(), p.operations().get(i), transactional));
        }
        List<TxContext> tx = TransactionTracker.contexts(runner, hints(p, runner, p.firstLine()), txInput);
        List<AnalyzedStatement> statements = new ArrayList<>(p.statements().size());
        for (int i = 0; i < p.statements().size(); i++) {
            statements.add(new AnalyzedStatement(p.statements().get(i), analysed.get(i), tx.get(i), before.get(i),
                    nested.get(i)));
        }
        return new FileAnalysis(p.file(), runner, List.copyOf(statements), List.copyOf(p.diagnostics()), p.targeted(),
                p.text(), changesets);
    }

    /**
     * Replays one operation; a DO block's statements one by one, each (at every depth) analysed against the schema
     * its block's earlier statements left, into {@code nested}.
     */
    private void apply(Operation op, SchemaReplay replay, boolean utc, List<AnalyzedNestedStatement> nested) {
        if (!(op instanceof Operation.DoBlock block)) {
            replay.apply(op);
            return;
        }
        for (NestedStatement n : block.body()) {
            SchemaView schema = replay.snapshot();
            List<AnalyzedOperation> ops = new ArrayList<>();
            for (Operation inner : n.operations()) {
                LockEffect effect = LockModel.effect(inner, schema, options.version(), utc);
                ops.add(new AnalyzedOperation(inner, effect, onNewTable(inner, effect, schema)));
            }
            nested.add(new AnalyzedNestedStatement(n, List.copyOf(ops), schema));
            for (Operation inner : n.operations()) apply(inner, replay, utc, nested);
        }
    }

    /** The operation's own table (for index operations, the indexed table) was created earlier in this file. */
    private static boolean onNewTable(Operation op, LockEffect effect, SchemaView schema) {
        TableRef table = op.table();
        if (table != null) return schema.isNew(table);
        boolean any = false;
        for (TableLock l : effect.locks()) {
            if (l.referenced()) continue;
            if (!schema.isNew(l.table())) return false;
            any = true;
        }
        return any;
    }

    private static TransactionTracker.FileHints hints(Parsed p, Runner runner, String firstLine) {
        if (runner == Runner.LIQUIBASE) return new TransactionTracker.FileHints(false, p.changesets());
        boolean disabled = RunnerDetector.transactionDisabledBySidecar(p.file(), runner)
                || (runner == Runner.SQLX && RunnerDetector.sqlxNoTransaction(firstLine))
                || (runner == Runner.GOOSE && RunnerDetector.gooseNoTransaction(p.text()));
        return new TransactionTracker.FileHints(disabled, List.of());
    }

    /** The first non-blank of the first 63 lines, else the rest of the text when not blank (split's limit of 64). */
    private static String firstLine(String text) {
        if (text == null) return null;
        int start = 0;
        for (int n = 1; n < 64; n++) {
            int end = text.indexOf('\n', start);
            if (end < 0) break;
            if (!isBlank(text, start, end)) return text.substring(start, end);
            start = end + 1;
        }
        return isBlank(text, start, text.length()) ? null : text.substring(start);
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; ) {
            int c = text.codePointAt(i);
            if (!Character.isWhitespace(c)) return false;
            i += Character.charCount(c);
        }
        return true;
    }
}
