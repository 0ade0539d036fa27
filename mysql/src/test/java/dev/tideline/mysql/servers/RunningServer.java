package dev.tideline.mysql.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server the tests may use: an embedded one (its process and private folder are removed by {@link #close()}) or the
 * machine's (left running). Work happens in {@link #scratchDatabase() scratch databases} with unique names, so that
 * other users of a shared server are not disturbed.
 */
public final class RunningServer implements AutoCloseable {
    private final ServerKind kind;
    private final int port;
    private final Process process;
    private final Path folder;
    private final String version;

    RunningServer(ServerKind kind, int port, Process process, Path folder) throws SQLException {
        this.kind = kind;
        this.port = port;
        this.process = process;
        this.folder = folder;
        try (Connection c = connect(""); Statement s = c.createStatement(); var rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            this.version = rs.getString(1);
        }
    }

    public ServerKind kind() {
        return kind;
    }

    /** As the server prints it, e.g. {@code 8.0.31} or {@code 10.11.19-MariaDB-0+deb12u1}. */
    public String version() {
        return version;
    }

    public boolean isMariaDb() {
        return !kind.isMySql();
    }

    public int port() {
        return port;
    }

    /** A connection as root to {@code database} (empty: none selected). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database
                + "?user=root&password=&allowPublicKeyRetrieval=true&connectTimeout=5000");
    }

    /** A new empty database with a unique name; dropped when the returned handle is closed. */
    public ScratchDatabase scratchDatabase() throws SQLException {
        String name = "tideline_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "`");
        }
        return new ScratchDatabase(this, name);
    }

    @Override
    public void close() throws IOException {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(folder);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return kind.id() + " (" + version + ")";
    }
}
