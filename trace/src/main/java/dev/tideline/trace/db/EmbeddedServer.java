package dev.tideline.trace.db;

import dev.tideline.trace.TraceException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server of one major version that no other local user can use: its superuser has a random
 * password made for this run (SCRAM, for TCP and socket alike), it listens on 127.0.0.1 only and has no unix socket,
 * its data directory is a private (0700) temporary folder, removed on close or, should the JVM be stopped first, by a
 * shutdown hook, and its binaries come from a private cache ({@link PostgresBinaries#install}).
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final long STARTUP_MILLIS = 60_000;
    private static final String SUPERUSER = "postgres";

    private final int major;
    private final Path runDir;
    private final int port;
    private final String password;
    private final Process postgres;
    private final Thread cleanup;

    private EmbeddedServer(int major, Path runDir, int port, String password, Process postgres, Thread cleanup) {
        this.major = major;
        this.runDir = runDir;
        this.port = port;
        this.password = password;
        this.postgres = postgres;
        this.cleanup = cleanup;
    }

    public static EmbeddedServer start(int major, PrintStream messages) {
        PostgresBinaries binaries = new PostgresBinaries(messages);
        binaries.fullVersion(major); // unsupported versions fail before anything is created
        Path home = binaries.install(major);
        Path runDir;
        try {
            runDir = Files.createTempDirectory("tideline-trace-pg" + major + "-"); // 0700: the data and the password file
        } catch (IOException e) {
            throw new TraceException("cannot create a temporary data directory: " + e.getMessage());
        }
        Holder holder = new Holder();
        Thread cleanup = new Thread(() -> stop(holder.postgres, runDir), "tideline-embedded-pg-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
            Path data = runDir.resolve("data");
            initdb(home, runDir, data, password);
            int port = freePort();
            holder.postgres = run(List.of(home.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"), runDir.resolve("postgres.log"));
            EmbeddedServer server = new EmbeddedServer(major, runDir, port, password, holder.postgres, cleanup);
            server.awaitReady();
            return server;
        } catch (IOException | RuntimeException e) {
            stop(holder.postgres, runDir);
            removeHook(cleanup);
            if (e instanceof TraceException t) throw t;
            throw new TraceException("embedded PostgreSQL " + major + " did not start: " + e.getMessage());
        }
    }

    private static void initdb(Path home, Path runDir, Path data, String password) throws IOException {
        Path pwfile = runDir.resolve("pwfile");
        Files.createFile(pwfile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        Path log = runDir.resolve("initdb.log");
        try {
            Process initdb = run(List.of(home.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF-8"), log);
            if (!initdb.waitFor(STARTUP_MILLIS, TimeUnit.MILLISECONDS)) {
                initdb.destroyForcibly();
                throw new TraceException("initdb did not finish in " + STARTUP_MILLIS / 1000 + " s");
            }
            if (initdb.exitValue() != 0) throw new TraceException("initdb failed: " + tail(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceException("interrupted while preparing the embedded PostgreSQL");
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /**
     * Starts a PostgreSQL program. PostgreSQL refuses to run as root: there it runs in a new user namespace
     * ({@code unshare -U}), where it is an unprivileged user that still owns the files root made for it.
     */
    private static Process run(List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>();
        if (PrivateDirectory.currentUid() == 0) full.addAll(List.of("unshare", "-U"));
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() {
        long deadline = System.currentTimeMillis() + STARTUP_MILLIS;
        ConnectionSpec spec = connectionSpec();
        while (true) {
            if (!postgres.isAlive()) throw new TraceException("embedded PostgreSQL " + major + " stopped: " + tail(runDir.resolve("postgres.log")));
            try (Connection c = spec.connect()) {
                return;
            } catch (TraceException | java.sql.SQLException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new TraceException("embedded PostgreSQL " + major + " did not accept connections within "
                            + STARTUP_MILLIS / 1000 + " s: " + tail(runDir.resolve("postgres.log")));
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TraceException("interrupted while starting the embedded PostgreSQL");
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("; ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public int major() {
        return major;
    }

    public int port() {
        return port;
    }

    /** The server's {@code postgres} database as its superuser, with this run's password. */
    public ConnectionSpec connectionSpec() {
        return ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER,
                Map.of("PGPASSWORD", password));
    }

    @Override
    public void close() {
        stop(postgres, runDir);
        removeHook(cleanup);
    }

    /** A fast shutdown (SIGINT: sessions are ended; SIGTERM where no kill command), then the run folder is removed. */
    private static void stop(Process postgres, Path runDir) {
        if (postgres != null && postgres.isAlive()) {
            try {
                try {
                    new ProcessBuilder("kill", "-INT", Long.toString(postgres.pid())).start().waitFor(5, TimeUnit.SECONDS);
                } catch (IOException noKillCommand) {
                    postgres.destroy();
                }
                if (!postgres.waitFor(20, TimeUnit.SECONDS)) postgres.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                postgres.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(runDir);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort; a leftover is reported by the caller's check
        }
    }

    private static final class Holder {
        volatile Process postgres;
    }
}
