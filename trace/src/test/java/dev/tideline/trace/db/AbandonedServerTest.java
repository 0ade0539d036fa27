package dev.tideline.trace.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A trace JVM killed outright leaves its embedded server running; the next start stops it and removes its folder. */
class AbandonedServerTest {
    /** Run in a child JVM: starts an embedded server, says where its data is, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.start(Integer.parseInt(args[0]), new PrintStream(OutputStream.nullOutputStream()));
        try (var c = server.connectionSpec().connect(); var st = c.createStatement();
             var rs = st.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            System.out.println(rs.getString(1));
        }
        Thread.sleep(600_000);
    }

    @Test
    void theServerAndFolderOfAKilledRunAreRemovedByTheNextStartAndALiveOneIsNot() throws Exception {
        int major = new PostgresBinaries(new PrintStream(OutputStream.nullOutputStream())).bundledMajor();
        Process killedRun = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AbandonedServerTest.class.getName(), Integer.toString(major))
                .redirectErrorStream(true).start();
        Path data;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(killedRun.getInputStream(), StandardCharsets.UTF_8))) {
            data = Path.of(out.readLine());
        }
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        age(data.resolveSibling("in-use.lock"));
        EmbeddedServer.removeAbandoned(data.getParent().getParent());
        assertTrue(Files.exists(data), "the run of a live JVM is left alone");

        killedRun.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the orphan server still runs");

        try (EmbeddedServer live = EmbeddedServer.start(major, new PrintStream(OutputStream.nullOutputStream()))) {
            Path liveRun;
            try (var c = live.connectionSpec().connect(); var st = c.createStatement();
                 var rs = st.executeQuery("select current_setting('data_directory')")) {
                rs.next();
                liveRun = Path.of(rs.getString(1)).getParent();
            }
            assertFalse(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the orphan server was stopped");
            assertFalse(Files.exists(data.getParent()), "its folder was removed");
            age(liveRun.resolve("in-use.lock"));
            EmbeddedServer.removeAbandoned(liveRun.getParent());
            assertTrue(Files.exists(liveRun), "a run of this JVM is left alone");
            try (Connection c = live.connectionSpec().connect()) {
                assertTrue(c.isValid(2));
            }
        }
    }

    /** Older than any run still starting, so that only its lock tells whether it is alive. */
    private static void age(Path lock) throws IOException {
        Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }
}
