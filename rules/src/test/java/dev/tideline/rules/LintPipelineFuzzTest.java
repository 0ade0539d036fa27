package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.config.TidelineConfig;

/**
 * Jazzer fuzz test of the whole lint pipeline on text: split, parse, replay, lock model, transactions, every rule and
 * the suppressions, under a fuzzed PostgreSQL version and runner. Regression mode (every build) runs the seeds in
 * {@code src/test/resources/dev/tideline/rules/LintPipelineFuzzTestInputs/lint/}; {@code JAZZER_FUZZ=1} fuzzes (see
 * README "Fuzzing"). A failure is any exception, an internal-error diagnostic (a crash the analyzer caught) or a finding
 * located outside the text.
 */
class LintPipelineFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void lint(FuzzedDataProvider data) {
        int version = data.consumeInt(PgVersion.OLDEST, PgVersion.NEWEST);
        Runner runner = data.pickValue(Runner.values());
        String sql = data.consumeRemainingAsString();
        TidelineConfig config = TidelineConfig.defaults().withPgVersion(new PgVersion(version)).withRunner(runner);
        Analysis analysis = new Analyzer(config.analyzerOptions()).analyzeText("fuzz.sql", sql);
        for (FileAnalysis f : analysis.files()) {
            assertFalse(f.diagnostics().stream().anyMatch(d -> d.code().equals("internal-error")),
                    () -> "internal error: " + f.diagnostics());
        }
        LintResult result = new Linter(config).lint(analysis);
        long lines = sql.chars().filter(c -> c == '\n' || c == '\r').count() + 1;
        for (Finding finding : result.findings()) {
            assertTrue(finding.line() >= 0 && finding.line() <= lines, () -> "finding outside the text: " + finding);
        }
    }
}
