package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.model.IndexElement;
import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.IndexModel;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.schema.TableModel;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.config.TidelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's plumbing (severity overrides, exclusion, suppressions, targeted files) on a hand-built analysis;
 * the rules themselves are tested through the real analyzer by {@code RuleFixturesTest}.
 */
class LinterTest {
    @TempDir
    Path dir;

    private static final SchemaView EXISTING_ONLY = new SchemaView() {
        @Override
        public Optional<TableModel> table(TableRef ref) {
            return Optional.empty();
        }

        @Override
        public Optional<IndexModel> index(TableRef indexName) {
            return Optional.empty();
        }

        @Override
        public boolean isNew(TableRef ref) {
            return false;
        }
    };

    private Analysis analysisOf(Path file, boolean targeted, String... createIndexLines) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<AnalyzedStatement> statements = new java.util.ArrayList<>();
        int index = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("CREATE INDEX")) continue;
            String text = lines.get(i).replaceFirst(";.*", "");
            TableRef t = TableRef.of("orders");
            Operation op = new Operation.CreateIndex("i" + i, t, List.of(IndexElement.of("c")), false, false, false, null, null, false, "");
            LockEffect effect = new LockEffect(List.of(new TableLock(t, LockMode.SHARE, false)), false, true, true, null);
            statements.add(new AnalyzedStatement(new SqlStatement(file, index++, i + 1, 1, i + 1, text.length(), text),
                    List.of(new AnalyzedOperation(op, effect, false)), TxContext.AUTOCOMMIT, EXISTING_ONLY));
        }
        return new Analysis(PgVersion.DEFAULT, List.of(new FileAnalysis(file, Runner.PLAIN, statements, List.of(), targeted,
                Files.readString(file))), List.of());
    }

    private Path write(String sql) throws Exception {
        Path f = dir.resolve("001_test.sql");
        Files.writeString(f, sql);
        return f;
    }

    private static List<String> ids(LintResult r) {
        return r.findings().stream().map(f -> f.line() + ":" + f.rule()).toList();
    }

    @Test
    void reportsLocatedFindingsWithTheLocksOnExistingTables() throws Exception {
        Path f = write("SET x = 1;\nCREATE INDEX i ON orders (c);\n");
        LintResult r = new Linter(TidelineConfig.defaults()).lint(analysisOf(f, true));
        assertEquals(List.of("2:create-index-non-concurrent", "2:lock-timeout-missing", "2:statement-timeout-missing"), ids(r));
        Finding finding = r.findings().get(0);
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals(LockMode.SHARE, finding.locks().get(0).mode());
        assertTrue(finding.fix().contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS i1 ON orders (c)"), finding.fix());
    }

    @Test
    void dynamicSqlInADoBlockIsAnUnparsedStatementAndAnError() throws Exception {
        Path f = write("DO $$ BEGIN\n  EXECUTE format('DROP TABLE %I', 'orders');\nEND $$;\nSELECT 1;\n");
        Analysis analysis = new dev.tideline.analyzer.Analyzer(new dev.tideline.analyzer.AnalyzerOptions(PgVersion.DEFAULT,
                Runner.PLAIN, java.util.Map.of())).analyze(List.of(f));
        LintResult r = new Linter(TidelineConfig.defaults()).lint(analysis);
        assertEquals(List.of("2:unparsed-statement"), ids(r));
        assertEquals(Severity.ERROR, r.findings().get(0).severity());
        assertEquals(1, r.coverage().unparsed(), "the DO statement running dynamic SQL counts as not understood");
    }

    @Test
    void onlyTargetedAndNotExcludedFilesAreLinted() throws Exception {
        Path f = write("CREATE INDEX i ON orders (c);\n");
        assertTrue(new Linter(TidelineConfig.defaults()).lint(analysisOf(f, false)).findings().isEmpty());
        TidelineConfig excluding = TidelineConfig.parse(dir.resolve("tideline.yaml"), "exclude: ['001_*.sql']");
        assertTrue(new Linter(excluding).lint(analysisOf(f, true)).findings().isEmpty());
    }

    @Test
    void configDisablesAndReclassifiesRules() throws Exception {
        Path f = write("CREATE INDEX i ON orders (c);\n");
        TidelineConfig c = TidelineConfig.parse(dir.resolve("tideline.yaml"),
                "rules:\n  lock-timeout-missing: off\n  statement-timeout-missing: {enabled: false}\n  create-index-non-concurrent: info\n");
        LintResult r = new Linter(c).lint(analysisOf(f, true));
        assertEquals(List.of("1:create-index-non-concurrent"), ids(r));
        assertEquals(Severity.INFO, r.findings().get(0).severity());
    }

    @Test
    void suppressionsSilenceWithTheirReasonAndBadOnesAreReported() throws Exception {
        Path f = write("""
                -- tideline:ignore create-index-non-concurrent, lock-timeout-missing orders is empty until release 5
                CREATE INDEX i ON orders (c);
                CREATE INDEX j ON orders (c); -- tideline:ignore create-index-non-concurrent
                -- tideline:ignore drop-table nothing to drop here
                CREATE INDEX k ON orders (c); -- tideline:ignore no-such-rule because
                """);
        LintResult r = new Linter(TidelineConfig.defaults()).lint(analysisOf(f, true));
        // lock-timeout-missing reports once per unprotected stretch: at line 2, where it is suppressed
        assertEquals(List.of("2:statement-timeout-missing", "3:suppression-without-reason", "4:unused-suppression",
                "5:create-index-non-concurrent", "5:unused-suppression"), ids(r));
        assertEquals(3, r.suppressed().size());
        assertEquals("orders is empty until release 5", r.suppressed().get(0).reason());
    }

    @Test
    void fileLevelSuppression() throws Exception {
        Path f = write("-- tideline:ignore-file lock-timeout-missing, statement-timeout-missing the runner sets both\n"
                + "CREATE INDEX i ON orders (c);\nCREATE INDEX j ON orders (c);\n");
        LintResult r = new Linter(TidelineConfig.defaults()).lint(analysisOf(f, true));
        assertEquals(List.of("2:create-index-non-concurrent", "3:create-index-non-concurrent"), ids(r));
    }
}
