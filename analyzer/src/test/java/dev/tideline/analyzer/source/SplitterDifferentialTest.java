package dev.tideline.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The statement boundaries tideline finds equal those of PostgreSQL's own client side, for generated scripts
 * ({@link ScriptGenerator}) and for every file of the shared corpus: pgJDBC's splitter for runners that send SQL
 * through a driver (one statement at a time, or the whole file as one query), psql itself, run against PostgreSQL 15,
 * for the psql runner. Where tideline reports that it cannot be sure (an error diagnostic, an uncertain statement),
 * it may differ: such a file fails the lint run instead of passing it. The share of texts compared is checked too,
 * so that such reports cannot hollow the test out.
 */
class SplitterDifferentialTest {
    static final Path FILE = Path.of("differential.sql");

    /** What one comparison found. */
    enum Outcome { AGREE, NOT_SURE, NO_ORACLE }

    /** Counts outcomes and keeps the disagreements. */
    static final class Tally {
        int agree;
        int notSure;
        int noOracle;
        final List<String> disagreements = new ArrayList<>();

        void add(String label, String text, Dialect dialect, Check check) {
            try {
                Outcome o = check.run();
                switch (o) {
                    case AGREE -> agree++;
                    case NOT_SURE -> notSure++;
                    case NO_ORACLE -> noOracle++;
                }
            } catch (Disagreement d) {
                if (disagreements.size() < 6) {
                    disagreements.add(label + " (" + dialect + "): " + d.getMessage() + "\n  text: «"
                            + (text.length() > 400 ? text.substring(0, 400) + "…" : text).replace("\n", "\\n")
                            .replace("\r", "\\r") + "»");
                }
            }
        }

        int total() {
            return agree + notSure + noOracle + disagreements.size();
        }

        @Override
        public String toString() {
            return agree + " agree, " + notSure + " not sure (tideline reports it), " + noOracle + " without an oracle, "
                    + disagreements.size() + " disagree";
        }
    }

    interface Check {
        Outcome run() throws Disagreement;
    }

    static final class Disagreement extends Exception {
        Disagreement(String message) {
            super(message);
        }
    }

    /** tideline's statements, and from which one on it says it cannot be sure of them (size() when it can). */
    record Ours(List<String> statements, int sureUntil) {}

    static Ours tidelineStatements(String text, Dialect dialect) {
        SplitResult r = new Splitter(Map.of(), dialect).split(FILE, text);
        List<SqlStatement> statements = r.statements();
        int sureUntil = r.uncertain().keySet().stream().min(Integer::compare).orElse(statements.size());
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() != Diagnostic.Severity.ERROR) continue;
            int at = 0;
            while (at < statements.size() && statements.get(at).endLine() < d.line()) at++;
            sureUntil = Math.min(sureUntil, at);
        }
        return new Ours(statements.stream().map(SqlStatement::text).toList(), sureUntil);
    }

    private static Outcome compare(List<String> theirs, Ours ours, boolean joined) throws Disagreement {
        Boundaries.Disagreement d = Boundaries.disagreement(theirs, ours.statements(), joined);
        if (d == null) return ours.sureUntil() < ours.statements().size() ? Outcome.NOT_SURE : Outcome.AGREE;
        if (d.index() >= ours.sureUntil()) return Outcome.NOT_SURE; // tideline reports it: the file fails the lint run
        throw new Disagreement(d.message());
    }

    /** tideline against pgJDBC, for a runner that sends statements one at a time or the file as one query. */
    static Outcome againstPgJdbc(String text, Dialect dialect) throws Disagreement {
        List<String> theirs = PgJdbcSplit.queries(text, dialect == Dialect.STATEMENTS);
        if (theirs == null) return Outcome.NO_ORACLE;
        return compare(theirs, tidelineStatements(text, dialect), false);
    }

    /** tideline against what psql sent (psql must have run the script to its end). */
    static Outcome againstPsql(String text, PsqlSplit.Run run) throws Disagreement {
        if (run.exitStatus() != 0) {
            throw new Disagreement("psql stopped (exit " + run.exitStatus() + "): " + run.errors().strip());
        }
        return compare(run.buffers(), tidelineStatements(text, Dialect.PSQL), true);
    }

    private static void assertAgreement(String what, Tally tally, double minimumCompared) {
        System.out.println("splitter differential, " + what + ": " + tally);
        assertEquals(List.of(), tally.disagreements, what);
        assertTrue(tally.agree >= minimumCompared * tally.total(),
                what + ": too few texts compared (" + tally + "), the rest would not test anything");
    }

    @Test
    void generatedScriptsSplitAsPgJdbcSplitsThem() {
        Tally tally = new Tally();
        Random sizes = new Random(13);
        for (int seed = 0; seed < 2500; seed++) {
            String text = ScriptGenerator.forJdbc(ScriptGenerator.random(seed)).script(1 + sizes.nextInt(8));
            for (Dialect d : List.of(Dialect.STATEMENTS, Dialect.SCRIPT)) {
                tally.add("seed " + seed, text, d, () -> againstPgJdbc(text, d));
            }
        }
        assertAgreement("generated scripts against pgJDBC", tally, 0.75);
    }

    @Test
    void generatedScriptsSplitAsPsqlSendsThem() throws Exception {
        Tally tally = new Tally();
        try (PsqlSplit psql = new PsqlSplit()) {
            for (int batch = 0; batch < 8; batch++) {
                String text = ScriptGenerator.forPsql(ScriptGenerator.random(1000 + batch), "splitdiff_b" + batch).script(250);
                PsqlSplit.Run run = psql.run(text);
                tally.add("batch " + batch, text, Dialect.PSQL, () -> againstPsql(text, run));
            }
        }
        assertAgreement("generated scripts against psql", tally, 0.75);
    }

    @Test
    void corpusFilesSplitAsPgJdbcSplitsThem() throws IOException {
        Path corpus = corpus();
        assumeTrue(corpus != null, "shared/corpus/postgres not found: corpus comparison skipped");
        Tally tally = new Tally();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".sql")).sorted().toList();
        }
        for (Path file : files) {
            String text = utf8(file);
            if (text == null) continue;
            // one query string and one statement at a time are read alike unless the file changes the setting
            boolean changesSetting = text.toLowerCase(Locale.ROOT).contains("standard_conforming_strings");
            for (Dialect d : changesSetting ? List.of(Dialect.STATEMENTS, Dialect.SCRIPT) : List.of(Dialect.STATEMENTS)) {
                tally.add(corpus.relativize(file).toString(), text, d, () -> againstPgJdbc(text, d));
            }
        }
        assertAgreement("corpus files against pgJDBC", tally, 0.9);
    }

    static Path corpus() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/corpus/postgres");
            if (Files.isDirectory(candidate)) return candidate;
            dir = dir.getParent();
        }
        return null;
    }

    static String utf8(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
