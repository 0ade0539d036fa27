package dev.tideline.trace.conformance;

import dev.tideline.trace.db.ConnectionSpec;
import dev.tideline.trace.db.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/** Conformance against a throwaway embedded server of one major version (binaries fetched by the build). */
abstract class EmbeddedConformance extends LockConformanceContract {
    private EmbeddedServer server;
    private final TablespaceDirectories tablespaces = new TablespaceDirectories();

    abstract int major();

    @Override
    Supplier<Connection> open() throws SQLException {
        server = EmbeddedServer.start(major(), new PrintStream(OutputStream.nullOutputStream()));
        ConnectionSpec admin = server.connectionSpec();
        try (Connection c = admin.connect()) {
            ServerProbe.exec(c, "CREATE DATABASE conformance");
        }
        ConnectionSpec spec = admin.withDatabase("conformance");
        return spec::connect;
    }

    @Override
    Path tablespaceDirectory() throws IOException {
        return tablespaces.fresh(null);
    }

    @Override
    void close() {
        if (server != null) server.close();
        tablespaces.close();
    }
}
