package dev.tideline.api.output;

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
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A small lint result with the awkward characters real SQL and messages contain. */
final class ReportFixtures {
    static final String INDEX_SQL = "CREATE INDEX orders_customer_idx\n    ON orders (customer_id)";
    static final String UPDATE_SQL = "UPDATE orders SET note = '100% <b>done</b>, a|b: ```x```'";

    private ReportFixtures() {}

    static LintReport report(Path base) {
        Path file = base.resolve("db/migrations/V4__index orders.sql");
        SqlStatement index = new SqlStatement(file, 0, 3, 1, 4, 28, INDEX_SQL);
        SqlStatement update = new SqlStatement(file, 1, 6, 1, 6, UPDATE_SQL.length(), UPDATE_SQL);
        SqlStatement odd = new SqlStatement(file, 2, 8, 1, 8, 10, "FROBNICATE");
        TableRef orders = TableRef.of("orders");
        List<AnalyzedStatement> statements = List.of(
                new AnalyzedStatement(index, List.of(), TxContext.AUTOCOMMIT, null),
                new AnalyzedStatement(update, List.of(), TxContext.AUTOCOMMIT, null),
                new AnalyzedStatement(odd, List.of(new AnalyzedOperation(new Operation.Unrecognized("unknown verb"),
                        LockEffect.NONE, false)), TxContext.AUTOCOMMIT, null));
        Diagnostic binary = new Diagnostic(base.resolve("db/migrations/logo.png"), 0, 0, Diagnostic.Severity.ERROR,
                "binary-file", "not a text file");
        FileAnalysis analysed = new FileAnalysis(file, Runner.FLYWAY, statements, List.of(), true);
        FileAnalysis replayed = new FileAnalysis(base.resolve("db/migrations/V1__init.sql"), Runner.FLYWAY, List.of(),
                List.of(), false);
        Analysis analysis = new Analysis(new PgVersion(16), List.of(replayed, analysed), List.of());

        Finding error = new Finding("create-index-non-concurrent", Severity.ERROR, Category.LOCKING, file, 3, 1,
                "CREATE INDEX takes SHARE on orders: writes wait until the build ends", INDEX_SQL,
                List.of(new TableLock(orders, LockMode.SHARE, false)),
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx\n    ON orders (customer_id);");
        Finding warning = new Finding("unbatched-backfill", Severity.WARNING, Category.LOCKING, file, 6, 1,
                "UPDATE of all rows, 50% slower: <locks>, every | row\nin one transaction", UPDATE_SQL,
                List.of(new TableLock(orders, LockMode.ROW_EXCLUSIVE, false)), null);
        LintResult result = new LintResult(analysis, List.of(error, warning), List.of());
        return new LintReport(result, List.of(binary), base, 2,
                id -> id.equals("create-index-non-concurrent")
                        ? Optional.of(new LintReport.RuleDoc(id, "CREATE INDEX without CONCURRENTLY", "# create-index…"))
                        : Optional.empty());
    }

    static String render(Format format, LintReport report) throws IOException {
        StringWriter out = new StringWriter();
        format.writer(false).write(report, out);
        return out.toString();
    }
}
