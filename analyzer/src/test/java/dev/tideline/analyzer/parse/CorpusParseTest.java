package dev.tideline.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.SplitResult;
import dev.tideline.analyzer.source.Splitter;
import dev.tideline.analyzer.source.SqlStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Splits and parses every file of the shared PostgreSQL corpus (25 real projects): no exception, and fewer than
 * 0.5 % of statements Unrecognized. Prints a per-project table. Skips only when the corpus is absent.
 */
class CorpusParseTest {

    static Path corpus() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/corpus/postgres");
            if (Files.isDirectory(candidate)) return candidate;
            dir = dir.getParent();
        }
        return null;
    }

    private static final class Tally {
        int files;
        int statements;
        int unrecognized;
        int nested;
        int nestedUnrecognized;
        final List<String> examples = new ArrayList<>();
    }

    @Test
    void everyCorpusStatementIsSplitAndParsedWithFewUnrecognized() throws IOException {
        Path corpus = corpus();
        assumeTrue(corpus != null, "shared/corpus/postgres not found above " + Path.of("").toAbsolutePath()
                + ": corpus test skipped");
        Splitter splitter = new Splitter(Map.of());
        StatementParser parser = new StatementParser();
        Map<String, Tally> projects = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            Path relative = corpus.relativize(file);
            if (relative.getNameCount() < 2) continue;
            Tally tally = projects.computeIfAbsent(relative.getName(0).toString(), k -> new Tally());
            tally.files++;
            String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            SplitResult split = splitter.split(file, content);
            for (SqlStatement statement : split.statements()) {
                tally.statements++;
                List<Operation> ops = parser.parse(statement);
                assertTrue(!ops.isEmpty(), "no operation for " + file + ":" + statement.line());
                for (Operation op : ops) {
                    if (op instanceof Operation.Unrecognized u) {
                        tally.unrecognized++;
                        if (tally.examples.size() < 5) {
                            tally.examples.add(relative + ":" + statement.line() + ":" + statement.column() + " " + u.reason());
                        }
                        break;
                    }
                    if (op instanceof Operation.DoBlock d) {
                        for (NestedStatement n : d.body()) {
                            tally.nested++;
                            if (n.operations().stream().anyMatch(o -> o instanceof Operation.Unrecognized)) {
                                tally.nestedUnrecognized++;
                                if (tally.examples.size() < 8) {
                                    tally.examples.add(relative + ":" + n.line() + ":" + n.column() + " (in DO) "
                                            + n.operations());
                                }
                            }
                        }
                    }
                }
            }
        }
        int fileCount = 0;
        int statements = 0;
        int unrecognized = 0;
        StringBuilder table = new StringBuilder(String.format("%-28s %6s %10s %7s %7s %8s%n", "project", "files",
                "statements", "unrec", "share", "DO stmts"));
        for (Map.Entry<String, Tally> e : projects.entrySet()) {
            Tally t = e.getValue();
            fileCount += t.files;
            statements += t.statements;
            unrecognized += t.unrecognized;
            table.append(String.format("%-28s %6d %10d %7d %6.2f%% %4d/%-3d%n", e.getKey(), t.files, t.statements,
                    t.unrecognized, share(t.unrecognized, t.statements), t.nestedUnrecognized, t.nested));
        }
        table.append(String.format("%-28s %6d %10d %7d %6.2f%%%n", "TOTAL", fileCount, statements, unrecognized,
                share(unrecognized, statements)));
        table.append("statements handed to JSqlParser: ").append(parser.fallbackAttempts()).append('\n');
        for (Map.Entry<String, Tally> e : projects.entrySet()) {
            for (String example : e.getValue().examples) table.append("  ").append(example).append('\n');
        }
        System.out.println(table);
        assertTrue(statements > 10_000, "corpus looks truncated: " + statements + " statements");
        assertTrue(share(unrecognized, statements) < 0.5,
                "Unrecognized share " + share(unrecognized, statements) + "% is not below 0.5%");
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
