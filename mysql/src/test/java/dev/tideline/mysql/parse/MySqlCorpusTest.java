package dev.tideline.mysql.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.MySqlScript;
import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.schema.MySqlSchema;
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

    /**
     * Every file through the whole wing (recognizer, schema replay, effect model, CALLed procedure bodies) for MySQL 8.0
     * and MariaDB 10.11, one schema per project in file order: no exception, every ALTER TABLE / CREATE INDEX / DROP
     * INDEX the recognizer read gets a prediction. Prints what the statements would do per project.
     */
    @Test
    void everyFileIsAnalysedOnBothVendors() throws IOException {
        Path corpus = corpus();
        assumeTrue(corpus != null, "shared/corpus/mysql not found above " + Path.of("").toAbsolutePath());
        List<Path> projects;
        try (Stream<Path> list = Files.list(corpus)) {
            projects = list.filter(Files::isDirectory).sorted().toList();
        }
        StringBuilder report = new StringBuilder();
        List<String> unmodelled = new ArrayList<>();
        for (MySqlVersion version : List.of(MySqlVersion.DEFAULT_MYSQL, MySqlVersion.DEFAULT_MARIADB)) {
            for (Path project : projects) {
                MySqlScript script = new MySqlScript(new MySqlSchema(version));
                Map<String, Integer> tally = new TreeMap<>();
                List<Path> files;
                try (Stream<Path> walk = Files.walk(project)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    for (MySqlScript.Analysed a : script.analyse(file, Files.readString(file, StandardCharsets.UTF_8))) {
                        if (a.notAnalysed()) tally.merge("not analysed", 1, Integer::sum);
                        count(a, tally, unmodelled, version);
                    }
                }
                report.append(String.format("%-14s %-26s %s%n", version.display(), project.getFileName(), tally));
            }
        }
        System.out.print(report);
        assertTrue(unmodelled.isEmpty(), "statements without a prediction:\n" + String.join("\n", unmodelled));
    }

    private static void count(MySqlScript.Analysed a, Map<String, Integer> tally, List<String> unmodelled, MySqlVersion v) {
        for (int i = 0; i < a.operations().size(); i++) {
            MySqlOperation op = a.operations().get(i);
            if (!(op instanceof MySqlOperation.AlterTable || op instanceof MySqlOperation.CreateIndex
                    || op instanceof MySqlOperation.DropIndex) || !MySqlRecognizer.complete(List.of(op))) continue;
            Prediction p = a.predictions().get(i);
            if (!p.modelled()) {
                unmodelled.add(v.display() + " " + a.statement().file().getFileName() + ":" + a.statement().line() + " " + p);
                continue;
            }
            DdlEffect e = p.effect();
            tally.merge(e.algorithm() == null ? "refused" : e.algorithm() + (e.rebuild() ? "+rebuild" : ""), 1, Integer::sum);
        }
        for (MySqlScript.Analysed called : a.called()) count(called, tally, unmodelled, v);
    }

    private static void example(Tally tally, Path relative, SqlStatement s, List<MySqlOperation> ops) {
        if (tally.examples.size() >= 8) return;
        String why = ops.stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("");
        tally.examples.add(relative.getFileName() + ":" + s.line() + " " + why.substring(0, Math.min(220, why.length())));
    }
}
