package dev.tideline.analyzer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * psql itself as the oracle for the psql runner: runs a script with {@code psql -X -v ON_ERROR_STOP=1} against the
 * machine's PostgreSQL 15 (127.0.0.1:5432) in a scratch database of its own, and reads from psql's query log
 * ({@code -L}) every query buffer it sent to the server. The database is dropped on close.
 */
final class PsqlSplit implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String QUERY_START = "********* QUERY **********\n";
    private static final String QUERY_END = "\n**************************\n";

    /** What psql sent, its exit status and what it printed on standard error. */
    record Run(List<String> buffers, int exitStatus, String errors) {}

    private final String database = "splitdiff_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Path folder;

    PsqlSplit() throws SQLException, IOException {
        folder = Files.createTempDirectory("splitdiff");
        exec("postgres", "CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        exec(database, "CREATE TABLE splitdiff_copy (a text, b text)");
    }

    String database() {
        return database;
    }

    /** Runs the files one after the other in one psql session, as {@code psql -f a -f b} does. */
    Run run(List<Path> files) throws IOException, InterruptedException {
        Path log = folder.resolve("queries.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-U", "postgres", "-d", database, "-o", "/dev/null", "-L", log.toString()));
        for (Path f : files) {
            command.add("-f");
            command.add(f.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(folder.resolve("stderr").toFile());
        pb.environment().put("PGCLIENTENCODING", "UTF8");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("psql did not finish within 120 s");
        }
        String errors = Files.readString(folder.resolve("stderr"), StandardCharsets.UTF_8);
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return new Run(buffers(text), p.exitValue(), errors);
    }

    /** Runs one script. */
    Run run(String script) throws IOException, InterruptedException {
        Path file = folder.resolve("script.sql");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        return run(List.of(file));
    }

    private static List<String> buffers(String log) {
        List<String> out = new ArrayList<>();
        int at = log.indexOf(QUERY_START);
        while (at >= 0) {
            int start = at + QUERY_START.length();
            int end = log.indexOf(QUERY_END, start - 1);
            if (end < 0) throw new IllegalStateException("psql's query log ends inside a query: " + log.substring(at));
            out.add(log.substring(start, Math.max(start, end)));
            at = log.indexOf(QUERY_START, end + QUERY_END.length());
        }
        return out;
    }

    private static void exec(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + db, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        exec("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(folder);
    }
}
