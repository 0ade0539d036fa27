package dev.tideline.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One directory of hostile files next to a good one, through the whole analyzer: every problem is a located
 * diagnostic (or a located Unrecognized statement), nothing throws, and the good file and the good parts of the bad
 * ones are still analysed.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    @Test
    void everyBadFileIsLocatedAndTheRestIsAnalysed() throws IOException {
        write("V1__good.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n".getBytes(StandardCharsets.UTF_8));
        write("V2__binary.sql", new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', 0, 1, 2, (byte) 0xff});
        write("V3__latin1.sql", "ALTER TABLE orders ADD COLUMN note text;\nCOMMENT ON TABLE orders IS 'caf\u00e9';\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        write("V4__dollar.sql", "ALTER TABLE orders ADD COLUMN a int;\nDO $x$ BEGIN PERFORM 1; END $y$;\n"
                .getBytes(StandardCharsets.UTF_8));
        write("V5__nested.sql", ("ALTER TABLE orders ADD COLUMN b int;\nINSERT " + "(".repeat(20_000) + "1"
                + ")".repeat(20_000) + ";\n").getBytes(StandardCharsets.UTF_8));
        Path huge = dir.resolve("V6__huge.sql");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(huge), 1 << 20)) {
            byte[] line = "INSERT INTO orders VALUES (1);\n".getBytes(StandardCharsets.UTF_8);
            for (long n = 0; n <= 50L * 1024 * 1024; n += line.length) out.write(line);
        }

        Analysis a = new Analyzer(AnalyzerOptions.defaults()).analyze(List.of(dir));
        Map<String, FileAnalysis> files = a.files().stream()
                .collect(Collectors.toMap(f -> f.file().getFileName().toString(), f -> f));

        assertEquals(List.of(), files.get("V1__good.sql").diagnostics());
        assertEquals("binary-file", only(files.get("V2__binary.sql")).code());
        assertEquals(2, only(files.get("V2__binary.sql")).line());

        Diagnostic encoding = only(files.get("V3__latin1.sql"));
        assertEquals("invalid-encoding", encoding.code());
        assertEquals(2, encoding.line());
        assertEquals(2, files.get("V3__latin1.sql").statements().size(), "the text around the bad byte is still analysed");

        Diagnostic dollar = only(files.get("V4__dollar.sql"));
        assertEquals("unterminated-dollar-quote", dollar.code());
        assertEquals(2, dollar.line());
        assertTrue(files.get("V4__dollar.sql").statements().get(0).operations().get(0).operation() instanceof Operation.AddColumn);

        FileAnalysis nested = files.get("V5__nested.sql");
        var unknown = nested.statements().get(1);
        assertEquals(2, unknown.statement().line());
        assertTrue(unknown.operations().get(0).operation() instanceof Operation.Unrecognized u && u.reason().contains("nested"),
                unknown.operations().toString());

        Diagnostic tooBig = only(files.get("V6__huge.sql"));
        assertTrue(tooBig.message().contains("MB"), tooBig.message());
        assertEquals(List.of(), files.get("V6__huge.sql").statements());
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    private static Diagnostic only(FileAnalysis f) {
        assertEquals(1, f.diagnostics().size(), f.diagnostics().toString());
        return f.diagnostics().get(0);
    }
}
