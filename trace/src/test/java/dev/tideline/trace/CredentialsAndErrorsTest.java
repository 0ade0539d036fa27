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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;
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

        Path pgpass = privateFile(dir.resolve("pgpass"), "# comment\nother:5432:*:postgres:nope\n127.0.0.1:1:*:postgres:" + SECRET + "\n");
        ConnectionSpec spec = withPasswordFile(pgpass, () -> ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres",
                Map.of("PGPASSFILE", pgpass.toString())));
        assertTrue(spec.display().endsWith("password=***"));
        assertEquals("error at ***", spec.mask("error at " + SECRET));
        Path none = dir.resolve("none");
        assertEquals("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres", withPasswordFile(none,
                () -> ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres", Map.of("PGPASSFILE", none.toString()))).display());
    }

    /**
     * Parses with the password file at {@code file} for tideline (PGPASSFILE in its environment map) and for pgJDBC, whose
     * parser tideline uses and which reads the process environment or this system property.
     */
    private static ConnectionSpec withPasswordFile(Path file, Supplier<ConnectionSpec> parse) {
        String property = "org.postgresql.pgpassfile";
        System.setProperty(property, file.toString());
        try {
            return parse.get();
        } finally {
            System.clearProperty(property);
        }
    }

    /** Writes a 0600 file. */
    private static Path privateFile(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void aPasswordFileOthersCanReadIsNotUsedAsLibpqRefusesIt(@TempDir Path dir) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres";
        Path pgpass = privateFile(dir.resolve("pgpass"), "*:*:*:postgres:" + SECRET + "\n");
        assertTrue(withPasswordFile(pgpass, () -> ConnectionSpec.parse(url, Map.of("PGPASSFILE", pgpass.toString())))
                .display().endsWith("password=***"));
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        ConnectionSpec open = withPasswordFile(pgpass, () -> ConnectionSpec.parse(url, Map.of("PGPASSFILE", pgpass.toString())));
        assertEquals(url, open.display(), "no password taken from a file others can read");
        TraceException e = assertThrows(TraceException.class, open::connect);
        assertTrue(e.getMessage().endsWith("(" + pgpass + " was not used: it is not a regular file with permissions u=rw (0600)"
                + " or less, as libpq requires)"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aPasswordWithSpacesOrABadEscapeIsNeverPartlyShown() {
        String spaced = "my secret pw";
        TraceException typo = assertThrows(TraceException.class,
                () -> ConnectionSpec.parse("jdbc:postgres://h/db?user=u&password=" + spaced + "&ssl=true", Map.of()));
        for (String part : spaced.split(" ")) assertFalse(typo.getMessage().contains(part), typo.getMessage());
        assertTrue(typo.getMessage().contains("password=***&ssl=true"), typo.getMessage());
        TraceException userInfo = assertThrows(TraceException.class,
                () -> ConnectionSpec.parse("jdbc:postgres://u:" + spaced + "@h/db", Map.of()));
        for (String part : spaced.split(" ")) assertFalse(userInfo.getMessage().contains(part), userInfo.getMessage());

        TraceException escape = assertThrows(TraceException.class,
                () -> ConnectionSpec.parse("jdbc:postgresql://h/db?user=u&password=ab%zzSECRETPART", Map.of()));
        assertEquals("the JDBC URL has a bad %-escape (a % not followed by two hex digits); write a % as %25", escape.getMessage());
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
