package dev.tideline.mysql.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.Finding;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.LintRun;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.engine.Targeting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The wing's lint over every project of the shared MySQL corpus, as {@code tideline lint --dialect mysql} runs it: no
 * crash (no internal-error diagnostic), under 0.5 % of statements unrecognized, and no PostgreSQL-only advice in any
 * message or fix. Prints the findings per rule. Skipped when the corpus is absent.
 */
class MySqlCorpusLintTest {
    private static final Pattern POSTGRES_ONLY = Pattern.compile("(?i)CONCURRENTLY|NOT VALID|\\block_timeout|ACCESS EXCLUSIVE");

    @Test
    void everyProjectLintsWithMySqlAdviceOnly() throws IOException {
        Path corpus = corpus();
        assumeTrue(corpus != null, "shared/corpus/mysql not found");
        MySqlEngine engine = new MySqlEngine();
        Target target = engine.target("mysql", null);
        TidelineConfig config = TidelineConfig.defaults();
        Map<String, Integer> perRule = new TreeMap<>();
        List<String> postgresAdvice = new ArrayList<>();
        int statements = 0;
        int unrecognized = 0;
        List<Path> projects;
        try (Stream<Path> s = Files.list(corpus)) {
            projects = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path project : projects) {
            LintRun run = engine.lint(target, new LintRequest(config, List.of(project), null,
                    new Targeting(config, null), false));
            for (Diagnostic d : run.diagnostics()) assertTrue(d.severity() != Diagnostic.Severity.ERROR, d.toString());
            for (LintRun.SetLint set : run.sets()) {
                for (Diagnostic d : set.problems()) assertTrue(!d.code().equals("internal-error"), d.toString());
                statements += set.result().coverage().statements();
                unrecognized += set.result().coverage().unparsed();
                for (Finding f : set.result().findings()) {
                    perRule.merge(f.rule(), 1, Integer::sum);
                    String text = f.message() + "\n" + (f.fix() == null ? "" : f.fix());
                    if (POSTGRES_ONLY.matcher(text).find()) postgresAdvice.add(f.file() + ":" + f.line() + " " + f.rule());
                }
            }
        }
        System.out.println("MySQL corpus: " + projects.size() + " projects, " + statements + " statements, "
                + unrecognized + " unrecognized; findings per rule:");
        perRule.forEach((rule, n) -> System.out.printf("  %5d  %s%n", n, rule));
        assertEquals(List.of(), postgresAdvice);
        assertTrue(statements > 2_000, "the corpus has ~2,800 statements: " + statements);
        assertTrue(unrecognized * 200 < statements, unrecognized + " of " + statements + " unrecognized");
    }

    private static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/mysql");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }
}
