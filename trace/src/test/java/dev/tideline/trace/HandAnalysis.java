package dev.tideline.trace;

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
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TxContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link Analysis} statement by statement with the prediction stated by the test, so the tracer's
 * observation of a real server can be checked independently of the analyzer.
 */
final class HandAnalysis {
    private final List<FileAnalysis> files = new ArrayList<>();
    private List<AnalyzedStatement> current;
    private Path currentFile;

    HandAnalysis file(String name, boolean targeted) {
        currentFile = Path.of(name);
        current = new ArrayList<>();
        files.add(new FileAnalysis(currentFile, Runner.FLYWAY, current, List.of(), targeted));
        return this;
    }

    /** A statement with one operation predicted to take {@code mode} on {@code table} (null: no lock). */
    HandAnalysis stmt(String sql, TxContext tx, Operation op, String table, LockMode mode, boolean rewrite,
                      boolean transactional) {
        List<TableLock> locks = table == null ? List.of() : List.of(new TableLock(TableRef.of(table), mode, false));
        LockEffect effect = new LockEffect(locks, rewrite, false, transactional, null);
        int line = current.size() + 1;
        current.add(new AnalyzedStatement(new SqlStatement(currentFile, current.size(), line, 1, line, sql.length(), sql),
                List.of(new AnalyzedOperation(op, effect, false)), tx, null));
        return this;
    }

    HandAnalysis stmt(String sql, TxContext tx, String table, LockMode mode) {
        return stmt(sql, tx, new Operation.Unrecognized("hand-built"), table, mode, false, true);
    }

    Analysis build() {
        return new Analysis(new PgVersion(16), files, List.of());
    }

    static TxContext runner(int block) {
        return new TxContext(TxContext.Source.RUNNER, block);
    }
}
