package dev.tideline.trace.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;

/** Conformance against the machine's PostgreSQL 15 (127.0.0.1:5432, trust), on a scratch database made and dropped here. */
class LockConformancePg15Test extends LockConformanceContract {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final TablespaceDirectories tablespaces = new TablespaceDirectories();
    private final String database = "tideline_conformance_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    Supplier<Connection> open() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            ServerProbe.exec(admin, "CREATE DATABASE " + database);
        }
        return () -> {
            try {
                return DriverManager.getConnection(SERVER + database, "postgres", "");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The machine's server runs as postgres: the directory must be handed to that user (possible as root). */
    @Override
    Path tablespaceDirectory() throws IOException {
        return tablespaces.fresh("postgres");
    }

    @Override
    void close() throws SQLException {
        tablespaces.close();
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            ServerProbe.exec(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
