package dev.tideline.trace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** While the embedded server runs, only tideline's own connections get in: nobody else on the machine can. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedServerPrivacyTest {
    private EmbeddedServer server;

    @BeforeAll
    void start() {
        server = EmbeddedServer.start(new PostgresBinaries(new PrintStream(OutputStream.nullOutputStream())).bundledMajor(),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void tidelinesOwnConnectionGetsInWithThisRunsPassword() throws SQLException {
        try (Connection c = server.connectionSpec().connect(); Statement st = c.createStatement()) {
            assertEquals("127.0.0.1", one(st, "select current_setting('listen_addresses')"));
            assertEquals("", one(st, "select current_setting('unix_socket_directories')"));
            assertEquals("[scram-sha-256]", rows(st, "select distinct auth_method from pg_hba_file_rules").toString(),
                    "no trust line, for TCP or socket");
        }
    }

    @Test
    void aConnectionWithoutTheRightPasswordIsRefused() {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
        SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "postgres").close());
        assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
        SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "?user=postgres").close());
        assertTrue(none.getMessage().contains("password"), "the server asks for a password: " + none.getMessage());
    }

    @Test
    void anotherOsUserIsRefusedOverTcpAndHasNoSocketToTry() throws Exception {
        assumeTrue(PrivateDirectory.currentUid() == 0 && Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs root and runuser");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "needs psql");
        String port = Integer.toString(server.port());
        List<String> tcp = psqlAsNobody("-h", "127.0.0.1", "-p", port);
        assertEquals("2", tcp.get(0), tcp.toString());
        assertTrue(tcp.get(1).contains("password"), tcp.toString());
        List<String> socket = psqlAsNobody("-h", "/tmp", "-p", port);
        assertNotEquals("0", socket.get(0), socket.toString());
        assertFalse(Files.exists(Path.of("/tmp/.s.PGSQL." + port)));
        assertFalse(Files.exists(Path.of("/var/run/postgresql/.s.PGSQL." + port)));
    }

    @Test
    void theDataDirectoryAndTheBinariesArePrivate() throws Exception {
        Path data;
        try (Connection c = server.connectionSpec().connect(); Statement st = c.createStatement()) {
            data = Path.of(one(st, "select current_setting('data_directory')"));
        }
        assertEquals(0700, mode(data));
        assertEquals(0700, mode(data.getParent()), "the run folder, which also held the password file");
        assertFalse(Files.exists(data.getParent().resolve("pwfile")), "the password file is gone once initdb read it");
        assertEquals(0700, mode(PostgresBinaries.cacheDir()));
        assertEquals(PrivateDirectory.currentUid(), (Integer) Files.getAttribute(PostgresBinaries.cacheDir(), "unix:uid"));
    }

    /** psql run as the OS user nobody, never prompting: exit code and output. */
    private static List<String> psqlAsNobody(String... where) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--", "env", "-u", "PGPASSWORD",
                "/usr/bin/psql", "-w", "-U", "postgres", "-d", "postgres", "-c", "select 1"));
        cmd.addAll(List.of(where));
        Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return List.of(Integer.toString(p.exitValue()), out);
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode") & 0777;
    }
}
