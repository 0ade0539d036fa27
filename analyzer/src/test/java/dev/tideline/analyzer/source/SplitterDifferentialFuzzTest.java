package dev.tideline.analyzer.source;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tideline.analyzer.source.SplitterDifferentialTest.Disagreement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The differential property of {@link SplitterDifferentialTest}, with Jazzer choosing the generator's every
 * production: tideline's statement boundaries equal pgJDBC's, and psql's (run on PostgreSQL 15). In a normal build
 * each target runs once per seed in {@code src/test/resources/dev/tideline/analyzer/source/
 * SplitterDifferentialFuzzTestInputs/<method>/} (a finding is written there and stays a regression case);
 * {@code mvn -pl analyzer test -Pfuzz} fuzzes one target for its {@code maxDuration} (README "Fuzzing").
 */
class SplitterDifferentialFuzzTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static PsqlSplit psql;

    @BeforeAll
    static void scratchDatabase() throws Exception {
        psql = new PsqlSplit();
    }

    @AfterAll
    static void dropScratchDatabase() throws Exception {
        psql.close();
    }

    /** Each generator choice taken from the fuzzer's data; 0 (the shortest production) once the data runs out. */
    private static IntUnaryOperator choices(FuzzedDataProvider data) {
        return bound -> data.consumeInt(0, bound - 1);
    }

    @FuzzTest(maxDuration = "10m")
    void againstPgJdbc(FuzzedDataProvider data) throws Disagreement {
        int statements = data.consumeInt(1, 8);
        String text = ScriptGenerator.forJdbc(choices(data)).script(statements);
        for (Dialect d : List.of(Dialect.STATEMENTS, Dialect.SCRIPT)) {
            SplitterDifferentialTest.againstPgJdbc(text, d);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void againstPsql(FuzzedDataProvider data) throws Exception {
        int statements = data.consumeInt(1, 8);
        String text = ScriptGenerator.forPsql(choices(data), "splitdiff_f" + RUNS.incrementAndGet()).script(statements);
        SplitterDifferentialTest.againstPsql(text, psql.run(text));
    }
}
