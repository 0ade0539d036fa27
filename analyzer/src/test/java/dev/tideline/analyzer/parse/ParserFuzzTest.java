package dev.tideline.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tideline.analyzer.files.SourceReader;
import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.source.SplitResult;
import dev.tideline.analyzer.source.Splitter;
import dev.tideline.analyzer.source.SqlStatement;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz tests of the analyzer's input handling. In a normal build they run in regression mode: once per seed in
 * {@code src/test/resources/dev/tideline/analyzer/parse/ParserFuzzTestInputs/<method>/} (every crash found is kept
 * there). {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=ParserFuzzTest#splitter} fuzzes one target for its
 * {@code maxDuration} (see README "Fuzzing"). A failure is an exception escaping, or a bug the code would otherwise
 * hide as "not understood": the recognizer throwing, a statement located outside its file.
 */
class ParserFuzzTest {
    private static final Path FILE = Path.of("fuzz.sql");

    /** Bytes as a file holds them: decoding (BOMs, UTF-16, invalid UTF-8, NUL), lexing and splitting. */
    @FuzzTest(maxDuration = "2m")
    void splitter(byte[] bytes) {
        SourceReader.Source source = SourceReader.decode(FILE, bytes);
        if (source.text() == null) {
            assertFalse(source.diagnostics().isEmpty(), "refused input must say why");
            return;
        }
        SplitResult split = new Splitter(Map.of("schema", "app")).split(FILE, source.text());
        long lines = source.text().chars().filter(c -> c == '\n').count() + 1;
        for (SqlStatement s : split.statements()) {
            assertTrue(s.line() >= 1 && s.line() <= lines && s.endLine() >= s.line() && s.endLine() <= lines,
                    () -> "statement located outside the file: " + s);
            assertFalse(s.text().chars().allMatch(c -> " \t\n\r\f".indexOf(c) >= 0), "blank statement"); // PostgreSQL's whitespace, not Java's
        }
        for (Diagnostic d : split.diagnostics()) assertTrue(d.line() >= 0 && d.line() <= lines, () -> "diagnostic outside the file: " + d);
    }

    /** Each statement of the text through the recognizer, the JSqlParser fallback when it gives up, and DO bodies. */
    @FuzzTest(maxDuration = "2m")
    void parser(byte[] bytes) {
        String text = SourceReader.decode(FILE, bytes).text();
        if (text == null) return;
        StatementParser parser = new StatementParser();
        for (SqlStatement s : new Splitter(Map.of()).split(FILE, text).statements()) {
            List<Operation> ops = parser.parse(s);
            assertFalse(ops.isEmpty(), "no operation for " + s.text());
            checkOperations(ops, s.text());
        }
    }

    private static void checkOperations(List<Operation> ops, String text) {
        for (Operation op : ops) {
            if (op instanceof Operation.Unrecognized u) {
                assertFalse(u.reason().startsWith("recognizer failed"), () -> u.reason() + " on: " + text);
            } else if (op instanceof Operation.DoBlock d) {
                for (NestedStatement n : d.body()) checkOperations(n.operations(), n.text());
            }
        }
    }
}
