package dev.tideline.trace.db;

import dev.tideline.trace.TraceException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server of one major version, in a temporary data directory that is removed on close and,
 * should the JVM be stopped first, by a shutdown hook.
 */
public final class EmbeddedServer implements AutoCloseable {
    private final int major;
    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private final Thread cleanup;

    private EmbeddedServer(int major, Path dataDir, EmbeddedPostgres postgres, Thread cleanup) {
        this.major = major;
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.cleanup = cleanup;
    }

    public static EmbeddedServer start(int major, PrintStream messages) {
        PostgresBinaries binaries = new PostgresBinaries(messages);
        binaries.fullVersion(major); // unsupported versions fail before anything is created
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("tideline-trace-pg" + major + "-");
        } catch (IOException e) {
            throw new TraceException("cannot create a temporary data directory: " + e.getMessage());
        }
        Holder holder = new Holder();
        Thread cleanup = new Thread(() -> stop(holder.postgres, dataDir), "tideline-embedded-pg-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            holder.postgres = EmbeddedPostgres.builder()
                    .setPgBinaryResolver((system, arch) -> binaries.open(major))
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            return new EmbeddedServer(major, dataDir, holder.postgres, cleanup);
        } catch (IOException | RuntimeException e) {
            stop(holder.postgres, dataDir);
            removeHook(cleanup);
            if (e instanceof TraceException t) throw t;
            throw new TraceException("embedded PostgreSQL " + major + " did not start: " + e.getMessage());
        }
    }

    public int major() {
        return major;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** The server's {@code postgres} database as user postgres (trust authentication, local only). */
    public ConnectionSpec connectionSpec() {
        return ConnectionSpec.parse("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres", Map.of());
    }

    @Override
    public void close() {
        stop(postgres, dataDir);
        removeHook(cleanup);
    }

    private static void stop(EmbeddedPostgres postgres, Path dataDir) {
        try {
            if (postgres != null) postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // the directory removal below is what matters
        }
        deleteTree(dataDir);
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
        volatile EmbeddedPostgres postgres;
    }
}
