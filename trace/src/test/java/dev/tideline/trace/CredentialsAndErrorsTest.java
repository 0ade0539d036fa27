package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.trace.db.ConnectionSpec;
import dev.tideline.trace.db.PostgresBinaries;
import dev.tideline.trace.report.TraceRenderer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords never appear in messages or output; unreachable servers and unsupported versions give clear errors. */
class CredentialsAndErrorsTest {
    static final String SECRET = "S3cr3t-pw_42";

    private static TraceException traceFails(String url, Map<String, String> env, ByteArrayOutputStream messages) {
        HandAnalysis a = new HandAnalysis().file("V1.sql", true).stmt("SELECT 1", TxContext.AUTOCOMMIT, null, null);
        return assertThrows(TraceException.class, () -> TraceRun.run(
                new TraceRun.Options(url, false, 15, env, new PrintStream(messages, true, StandardCharsets.UTF_8)),
                server -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (d, t, w) -> {}));
    }

    @Test
    void unreachableServerIsAClearErrorWithoutThePassword() {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        TraceException e = traceFails("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=" + SECRET,
                Map.of(), messages);
        assertTrue(e.getMessage().startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=***: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertFalse(messages.toString(StandardCharsets.UTF_8).contains(SECRET));
    }

    @Test
    void passwordsFromUserInfoPgpasswordAndPgpassAreNeverShown(@TempDir Path dir) throws Exception {
        assertFalse(traceFails("jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:1/postgres", Map.of(), new ByteArrayOutputStream())
                .getMessage().contains(SECRET));
        TraceException fromEnv = traceFails("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres",
                Map.of("PGPASSWORD", SECRET), new ByteArrayOutputStream());
        assertFalse(fromEnv.getMessage().contains(SECRET));
        assertTrue(fromEnv.getMessage().contains("password=***"), "a password was found and used, shown masked");

        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "# comment\nother:5432:*:postgres:nope\n127.0.0.1:1:*:postgres:" + SECRET.replace("_", "\\_") + "\n");
        ConnectionSpec spec = ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres", Map.of("PGPASSFILE", pgpass.toString()));
        assertTrue(spec.display().endsWith("password=***"));
        assertEquals("error at ***", spec.mask("error at " + SECRET));
        assertEquals("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres",
                ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres", Map.of("PGPASSFILE", dir.resolve("none").toString())).display());
    }

    @Test
    void aSuccessfulTraceShowsThePasswordNowhere() {
        HandAnalysis a = new HandAnalysis().file("V1.sql", false).stmt("CREATE TABLE t (id int)", TxContext.AUTOCOMMIT, null, null)
                .file("V2.sql", true).stmt("ALTER TABLE t ADD COLUMN x int", TxContext.AUTOCOMMIT, "t", LockMode.ACCESS_EXCLUSIVE);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        TraceResult r = TraceRun.run(new TraceRun.Options(TracerOnLocalServerTest.LOCAL + "&password=" + SECRET, false, 15,
                        Map.of(), new PrintStream(messages, true, StandardCharsets.UTF_8)),
                server -> new Tracer.Request(a.build(), false, 0, null, Path.of(".")), (d, t, w) -> {});
        for (String out : new String[] {TraceRenderer.text(r), TraceRenderer.json(r), TraceRenderer.html(r),
                messages.toString(StandardCharsets.UTF_8)}) {
            assertFalse(out.contains(SECRET), out);
        }
        assertTrue(r.target().contains("password=***"), r.target());
    }

    @Test
    void unsupportedVersionsAreRefusedClearly() {
        PostgresBinaries binaries = new PostgresBinaries(TracerOnLocalServerTest.QUIET);
        TraceException e = assertThrows(TraceException.class, () -> binaries.fullVersion(11));
        assertEquals("PostgreSQL 11 is not supported: tideline traces on PostgreSQL 12 to 18", e.getMessage());
        assertEquals("16.9.0", binaries.fullVersion(16));
        assertEquals(16, binaries.bundledMajor());
    }

    @Test
    void aMalformedUrlIsAClearErrorThatHidesThePassword() {
        TraceException e = assertThrows(TraceException.class,
                () -> ConnectionSpec.parse("postgres://u@h/db?password=" + SECRET, Map.of()));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().startsWith("not a PostgreSQL JDBC URL"));
    }
}
