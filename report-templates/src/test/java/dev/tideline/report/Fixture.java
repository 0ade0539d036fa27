package dev.tideline.report;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds lint results by hand for renderer tests: statements are laid out one after another in a virtual file
 * so their positions are exact, and findings point at a (line offset, column) inside a statement.
 */
final class Fixture {
    private final List<FileAnalysis> files = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<LintResult.Suppressed> suppressed = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    final class File {
        private final Path path;
        private final Runner runner;
        private final boolean targeted;
        private final List<AnalyzedStatement> statements = new ArrayList<>();
        private int nextLine = 1;

        File(Path path, Runner runner, boolean targeted) {
            this.path = path;
            this.runner = runner;
            this.targeted = targeted;
        }

        File statement(String sql, TxContext tx, AnalyzedOperation... ops) {
            String[] lines = sql.split("\n", -1);
            SqlStatement s = new SqlStatement(path, statements.size(), nextLine, 1, nextLine + lines.length - 1,
                    lines[lines.length - 1].length(), sql);
            statements.add(new AnalyzedStatement(s, List.of(ops), tx, null));
            nextLine += lines.length + 1;
            return this;
        }

        /** A finding on the last statement, {@code lineOffset} lines into it. */
        File finding(String rule, Severity severity, Category category, int lineOffset, int column, String message,
                     String fix) {
            findings.add(make(rule, severity, category, lineOffset, column, message, fix));
            return this;
        }

        File suppressed(String rule, Severity severity, Category category, String message, String reason) {
            suppressed.add(new LintResult.Suppressed(make(rule, severity, category, 0, 1, message, null), reason));
            return this;
        }

        private Finding make(String rule, Severity severity, Category category, int lineOffset, int column,
                             String message, String fix) {
            AnalyzedStatement last = statements.get(statements.size() - 1);
            List<TableLock> locks = last.operations().stream().flatMap(o -> o.effect().locks().stream()).toList();
            return new Finding(rule, severity, category, path, last.statement().line() + lineOffset, column, message,
                    last.statement().text(), locks, fix);
        }

        Fixture done() {
            files.add(new FileAnalysis(path, runner, List.copyOf(statements), List.of(), targeted));
            return Fixture.this;
        }
    }

    File file(String path, Runner runner) {
        return new File(Path.of(path), runner, true);
    }

    File replayed(String path, Runner runner) {
        return new File(Path.of(path), runner, false);
    }

    Fixture diagnostic(String path, int line, String code, String message) {
        diagnostics.add(new Diagnostic(Path.of(path), line, 1, Diagnostic.Severity.WARNING, code, message));
        return this;
    }

    LintResult lint() {
        return new LintResult(new Analysis(PgVersion.DEFAULT, List.copyOf(files), List.copyOf(diagnostics)),
                List.copyOf(findings), List.copyOf(suppressed));
    }

    ReportInput input(String scope) {
        return new ReportInput(scope, lint(), Fixture::doc, null, List.of());
    }

    static Optional<RuleDocs.RuleDoc> doc(String rule) {
        return Optional.of(new RuleDocs.RuleDoc("summary of " + rule, "why " + rule + " is dangerous",
                "what to do instead of " + rule, "-- safe SQL for " + rule));
    }

    // Operation helpers -------------------------------------------------------------------------------------

    static TxContext runnerTx(int block) {
        return new TxContext(TxContext.Source.RUNNER, block);
    }

    static TxContext explicitTx(int block) {
        return new TxContext(TxContext.Source.EXPLICIT, block);
    }

    static AnalyzedOperation op(Operation operation, boolean rewrite, boolean scan, TableLock... locks) {
        return new AnalyzedOperation(operation, new LockEffect(List.of(locks), rewrite, scan, true, null), false);
    }

    static AnalyzedOperation newTable(Operation operation, TableLock... locks) {
        return new AnalyzedOperation(operation, new LockEffect(List.of(locks), false, false, true, null), true);
    }

    static TableLock lock(String table, LockMode mode) {
        return new TableLock(TableRef.of(table), mode, false);
    }

    static TableLock referenced(String table, LockMode mode) {
        return new TableLock(TableRef.of(table), mode, true);
    }

    static AnalyzedOperation unrecognized(String reason) {
        return new AnalyzedOperation(new Operation.Unrecognized(reason), LockEffect.NONE, false);
    }

    static AnalyzedOperation other(String verb, String type, String name, String table) {
        return new AnalyzedOperation(new Operation.ObjectChange(verb, type, name, table == null ? null : TableRef.of(table)),
                LockEffect.NONE, false);
    }
}
