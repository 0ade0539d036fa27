package dev.tideline.rules;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.changelog.ChangelogNames;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.tx.TransactionTracker;
import dev.tideline.rules.edit.RunnerWays;
import dev.tideline.rules.edit.SourceSpan;
import dev.tideline.rules.edit.SourceText;
import dev.tideline.rules.suppress.Suppression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What a rule sees of one targeted file, and where it reports. */
public final class RuleContext {
    private final Analysis analysis;
    private final FileAnalysis file;
    private final List<StatementUnit> statements;
    private final List<Suppression> suppressions;
    private final Predicate<String> enabled;
    private final Set<String> known;
    private final Map<Class<?>, Object> perAnalysis;
    private final List<Finding> findings = new ArrayList<>();
    private RuleInfo currentInfo;
    private Severity currentSeverity;
    private Severity configuredSeverity;
    private SourceText sourceText;

    RuleContext(Analysis analysis, FileAnalysis file, List<StatementUnit> statements, List<Suppression> suppressions,
                Predicate<String> enabled, Set<String> known, Map<Class<?>, Object> perAnalysis) {
        this.enabled = enabled;
        this.known = known;
        this.perAnalysis = perAnalysis;
        this.analysis = analysis;
        this.file = file;
        this.statements = statements;
        this.suppressions = suppressions;
    }

    /**
     * The rule about to run: its metadata (resolved once per run, not per finding), its severity, and the severity the
     * configuration sets (null when none).
     */
    void use(RuleInfo info, Severity severity, Severity configured) {
        this.currentInfo = info;
        this.currentSeverity = severity;
        this.configuredSeverity = configured;
    }

    public Analysis analysis() {
        return analysis;
    }

    public FileAnalysis file() {
        return file;
    }

    /**
     * The file's text as the analyzer read it (decoded, line ends normalised); empty when it could not be read. Rules
     * never read the file again: that would bypass the reader's size limit and decoding, and cost a read per rule.
     */
    public String text() {
        return file.text() == null ? "" : file.text();
    }

    /** Top-level statements in file order, each followed by the statements nested in it (DO blocks). */
    public List<StatementUnit> statements() {
        return statements;
    }

    /** Inline suppressions of this file, with what they suppressed so far. */
    public List<Suppression> suppressions() {
        return suppressions;
    }

    /**
     * A value computed once per analysis linted and shared by the contexts of all its files, whichever thread lints
     * them (an index over every file, say), instead of once per file.
     */
    public <T> T perAnalysis(Class<T> key, Supplier<T> compute) {
        return key.cast(perAnalysis.computeIfAbsent(key, k -> compute.get()));
    }

    /** Whether the run's engine has a rule with this id. */
    public boolean ruleKnown(String id) {
        return known.contains(id);
    }

    /** Whether the configuration enables the rule with this id. */
    public boolean ruleEnabled(String id) {
        return enabled.test(id);
    }

    /** Reports at a statement; the locks shown are those of all its operations on existing tables. */
    public void report(StatementUnit at, String message, String fix) {
        report(at, message, fix, null);
    }

    /** Reports at a statement, showing only the locks of one of its operations. */
    public void report(StatementUnit at, AnalyzedOperation op, String message, String fix) {
        report(at, op, message, fix, null);
    }

    /**
     * Reports a problem the runner itself refuses at deploy time: an error whatever the rule's usual severity, unless
     * the configuration sets one for the rule (a runner configured to accept it).
     */
    public void reportRefusedAtDeploy(StatementUnit at, AnalyzedOperation op, String message, String fix, TextFix textFix) {
        Severity usual = currentSeverity;
        currentSeverity = configuredSeverity != null ? configuredSeverity : Severity.ERROR;
        try {
            report(at, op, message, fix, textFix);
        } finally {
            currentSeverity = usual;
        }
    }

    /** Reports at a statement, with the locks of all its operations and its safe form as text edits (null: none). */
    public void report(StatementUnit at, String message, String fix, TextFix textFix) {
        List<TableLock> locks = new ArrayList<>();
        for (AnalyzedOperation op : at.operations()) locks.addAll(Locks.onExistingTables(op, at.schema()));
        add(at.line(), at.column(), at.text(), message, Locks.distinct(locks), fix, textFix);
    }

    /** Reports at a statement with its safe form as text edits (null when there is no mechanical one). */
    public void report(StatementUnit at, AnalyzedOperation op, String message, String fix, TextFix textFix) {
        add(at.line(), at.column(), at.text(), message, Locks.onExistingTables(op, at.schema()), fix, textFix);
    }

    /**
     * The statement as written, for fixes made of text edits; empty for a statement nested in a DO block or generated
     * from a changelog, whose text is not where the file says.
     */
    public Optional<SourceSpan> source(StatementUnit at) {
        if (at.nested() || isChangelog() || file.text() == null) return Optional.empty();
        if (sourceText == null) sourceText = new SourceText(file.file(), file.text());
        var s = at.enclosing().statement();
        return Optional.of(new SourceSpan(sourceText, s.line(), s.column(), s.endLine(), s.endColumn()));
    }

    /** How this file's runner is told where a statement runs (outside a transaction, in a later one). */
    public RunnerWays runnerWays() {
        if (sourceText == null) sourceText = new SourceText(file.file(), text());
        return new RunnerWays(file.runner(), sourceText, file.changesets());
    }

    /** Reports at a position that is not a statement (e.g. a suppression comment). */
    public void reportAt(int line, int column, String excerpt, String message) {
        add(line, column, excerpt, message, List.of(), null);
    }

    private void add(int line, int column, String text, String message, List<TableLock> locks, String fix) {
        add(line, column, text, message, locks, fix, null);
    }

    private void add(int line, int column, String text, String message, List<TableLock> locks, String fix, TextFix textFix) {
        RuleInfo info = currentInfo;
        findings.add(new Finding(info.id(), currentSeverity, info.category(), file.file(), line, column,
                changeSetPrefix(line) + message, text, List.copyOf(locks), fix, textFix));
    }

    /** True for a Liquibase XML/YAML/JSON changelog, whose SQL Liquibase generates from its changes. */
    public boolean isChangelog() {
        return ChangelogNames.isChangelog(file.file());
    }

    /**
     * In a changelog a line holds no SQL to show where a statement came from: the message names its changeSet (id by
     * author) instead.
     */
    private String changeSetPrefix(int line) {
        if (!isChangelog()) return "";
        TransactionTracker.Changeset at = null;
        for (TransactionTracker.Changeset c : file.changesets()) if (c.line() <= line) at = c;
        return at == null ? "" : "changeSet " + at.id() + ": ";
    }

    List<Finding> drain() {
        List<Finding> out = List.copyOf(findings);
        findings.clear();
        return out;
    }
}
