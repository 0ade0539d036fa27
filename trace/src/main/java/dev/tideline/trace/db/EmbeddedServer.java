package dev.tideline.trace.db;

import dev.tideline.trace.TraceException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * shutdown hook, and its binaries come from a private cache ({@link PostgresBinaries#install}). A run holds a lock on
 * its folder; the server and folder of a run killed outright (no hook ran) are removed by the next start.
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final long STARTUP_MILLIS = 60_000;
    private static final String SUPERUSER = "postgres";
    private static final String RUN_PREFIX = "tideline-trace-pg";
    /** Locked while its run lives; the lock ends with the JVM however it ends. */
    private static final String IN_USE = "in-use.lock";
    /** A live run locks its folder within milliseconds of making it: younger ones are never taken for abandoned. */
    private static final long ABANDONED_AFTER_MILLIS = 10_000;

    private final int major;
    private final Path runDir;
    private final int port;
    private final String password;
    private final Holder run;
    private final Process postgres;
    private final Thread cleanup;

    private EmbeddedServer(int major, Path runDir, int port, String password, Holder run, Thread cleanup) {
        this.major = major;
        this.runDir = runDir;
        this.port = port;
        this.password = password;
        this.run = run;
        this.postgres = run.postgres;
        this.cleanup = cleanup;
    }

    public static EmbeddedServer start(int major, PrintStream messages) {
        PostgresBinaries binaries = new PostgresBinaries(messages);
        binaries.fullVersion(major); // unsupported versions fail before anything is created
        Path home = binaries.install(major);
        int abandoned = removeAbandoned(Path.of(System.getProperty("java.io.tmpdir")));
        if (abandoned > 0) {
            messages.println("tideline: stopped and removed " + abandoned + " embedded PostgreSQL server(s) of killed trace runs");
        }
        Path runDir;
        Holder holder = new Holder();
        try {
            runDir = Files.createTempDirectory(RUN_PREFIX + major + "-"); // 0700: the data and the password file
            holder.inUse = FileChannel.open(runDir.resolve(IN_USE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            holder.inUse.lock();
        } catch (IOException e) {
            throw new TraceException("cannot create a temporary data directory: " + e.getMessage());
        }
        Thread cleanup = new Thread(() -> stop(holder, runDir), "tideline-embedded-pg-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
            Path data = runDir.resolve("data");
            initdb(home, runDir, data, password);
            int port = freePort();
            holder.postgres = run(List.of(home.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"), runDir.resolve("postgres.log"));
            EmbeddedServer server = new EmbeddedServer(major, runDir, port, password, holder, cleanup);
            server.awaitReady();
            return server;
        } catch (IOException | RuntimeException e) {
            stop(holder, runDir);
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
        stop(run, runDir);
        removeHook(cleanup);
    }

    /**
     * Stops the servers and removes the folders of this user's runs whose JVM is gone (their lock is free). A server is
     * stopped only if its command line names that folder's data directory, never a process that reused its pid.
     */
    static int removeAbandoned(Path tmp) {
        int me = PrivateDirectory.currentUid();
        int removed = 0;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(tmp, RUN_PREFIX + "*")) {
            for (Path dir : runs) {
                Path lock = dir.resolve(IN_USE);
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)
                        || (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != me
                        || System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() < ABANDONED_AFTER_MILLIS) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock free = channel.tryLock()) {
                    if (free == null) continue;
                    stopAbandoned(dir.resolve("data"));
                    deleteTree(dir);
                    removed++;
                } catch (OverlappingFileLockException inThisJvm) {
                    // a server of this very JVM
                }
            }
        } catch (IOException e) {
            // best effort: what cannot be read here is left for a later run
        }
        return removed;
    }

    private static void stopAbandoned(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process == null) return;
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        String command = Files.isReadable(cmdline) ? Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ') : "";
        if (!command.contains(" " + data + " ")) return;
        process.destroy(); // SIGTERM: its clients died with their JVM
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
        }
    }

    /** A fast shutdown (SIGINT: sessions are ended; SIGTERM where no kill command), then the run folder is removed. */
    private static void stop(Holder run, Path runDir) {
        Process postgres = run.postgres;
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
        try {
            if (run.inUse != null) run.inUse.close();
        } catch (IOException ignored) {
            // the folder goes below anyway
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
        volatile FileChannel inUse;
    }
}
