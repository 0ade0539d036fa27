package dev.tideline.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.Runner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statements DO blocks run get the lock model's effects, at every depth, against the schema just before them. */
class NestedAnalysisTest {
    private final Analyzer analyzer = new Analyzer(new AnalyzerOptions(PgVersion.DEFAULT, Runner.PLAIN, Map.of()));

    @Test
    void statementsOfNestedBlocksCarryTheirOwnEffects() {
        String sql = """
                CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(20));
                COMMIT;
                DO $a$ BEGIN
                  CREATE TABLE drafts (id int);
                  DO $b$ BEGIN
                    ALTER TABLE orders ADD COLUMN c float8 DEFAULT random();
                    CREATE INDEX drafts_id ON drafts (id);
                  END $b$;
                END $a$;
                """;
        AnalyzedStatement block = analyzer.analyzeText("n.sql", sql).files().get(0).statements().get(2);
        List<AnalyzedNestedStatement> nested = block.nested();
        assertEquals(List.of("CREATE TABLE drafts (id int)", "DO $b$ BEGIN\n    ALTER TABLE orders ADD COLUMN c float8 DEFAULT random();\n"
                        + "    CREATE INDEX drafts_id ON drafts (id);\n  END $b$",
                        "ALTER TABLE orders ADD COLUMN c float8 DEFAULT random()", "CREATE INDEX drafts_id ON drafts (id)"),
                nested.stream().map(n -> n.statement().text()).toList());
        AnalyzedOperation addColumn = nested.get(2).operations().get(0);
        assertTrue(addColumn.effect().rewrite(), "a volatile default rewrites orders, inside a nested block too");
        assertEquals(List.of(new TableLock(TableRef.of("orders"), LockMode.ACCESS_EXCLUSIVE, false)), addColumn.effect().locks());
        // the outer block's CREATE TABLE ran before: the nested statement sees drafts
        assertTrue(nested.get(3).schemaBefore().table(TableRef.of("drafts")).isPresent());
        assertFalse(nested.get(0).schemaBefore().table(TableRef.of("drafts")).isPresent());
    }
}
