package dev.tideline.mysql.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.lex.MySqlLexis;
import dev.tideline.mysql.lex.MySqlSplitter;
import dev.tideline.mysql.model.MySqlOperation;
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
 * Splits and recognizes every file of the shared MySQL corpus (9 real projects), routine bodies included: no
 * exception, and fewer than 0.5 % of statements not completely recognized. Prints the share per project. Skips only
 * when the corpus is absent.
 */
class MySqlCorpusTest {
    private static final MySqlLexis LEXIS = new MySqlLexis(true, false, MySqlVersion.DEFAULT_MYSQL.commentNumber(), false);

    static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/mysql");
            if (Files.isDirectory(candidate)) return candidate;
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
    void everyCorpusStatementIsRecognizedWithFewExceptions() throws IOException {
        Path corpus = corpus();
        assumeTrue(corpus != null, "shared/corpus/mysql not found above " + Path.of("").toAbsolutePath());
        MySqlSplitter splitter = new MySqlSplitter(LEXIS);
        MySqlRecognizer recognizer = new MySqlRecognizer(LEXIS);
        Map<String, Tally> projects = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            Path relative = corpus.relativize(file);
            Tally tally = projects.computeIfAbsent(relative.getName(0).toString(), k -> new Tally());
            tally.files++;
            String content = Files.readString(file, StandardCharsets.UTF_8);
            for (SqlStatement statement : splitter.split(file, content).statements()) {
                tally.statements++;
                List<MySqlOperation> ops = recognizer.recognize(statement);
                if (!MySqlRecognizer.complete(ops)) {
                    tally.unrecognized++;
                    example(tally, relative, statement, ops);
                }
                for (MySqlOperation op : ops) {
                    if (!(op instanceof MySqlOperation.CreateRoutine r)) continue;
                    for (MySqlOperation.BodyStatement b : r.body()) {
                        tally.nested++;
                        if (!MySqlRecognizer.complete(b.operations())) {
                            tally.nestedUnrecognized++;
                            example(tally, relative, b.statement(), b.operations());
                        }
                    }
                }
            }
        }
        int statements = 0;
        int unrecognized = 0;
        StringBuilder report = new StringBuilder(String.format("%-28s %6s %6s %6s %7s %7s%n", "project", "files", "stmts",
                "unrec", "share", "nested"));
        for (Map.Entry<String, Tally> e : projects.entrySet()) {
            Tally t = e.getValue();
            statements += t.statements;
            unrecognized += t.unrecognized;
            report.append(String.format("%-28s %6d %6d %6d %6.2f%% %3d/%-3d%n", e.getKey(), t.files, t.statements,
                    t.unrecognized, 100.0 * t.unrecognized / Math.max(1, t.statements), t.nestedUnrecognized, t.nested));
            for (String ex : t.examples) report.append("    ").append(ex).append('\n');
        }
        double share = 100.0 * unrecognized / Math.max(1, statements);
        report.append(String.format("total: %d statements, %d not completely recognized (%.2f %%)%n", statements,
                unrecognized, share));
        System.out.print(report);
        assertTrue(statements > 3000, "the corpus should have over 3,000 statements, found " + statements);
        assertTrue(share < 0.5, "unrecognized share " + share + " % is not below 0.5 %:\n" + report);
    }

    private static void example(Tally tally, Path relative, SqlStatement s, List<MySqlOperation> ops) {
        if (tally.examples.size() >= 8) return;
        String why = ops.stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("");
        tally.examples.add(relative.getFileName() + ":" + s.line() + " " + why.substring(0, Math.min(220, why.length())));
    }
}
