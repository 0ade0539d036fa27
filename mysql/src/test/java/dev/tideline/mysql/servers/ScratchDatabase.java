package dev.tideline.mysql.servers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of a {@link RunningServer} that exists for one test's use and is dropped afterwards. */
public record ScratchDatabase(RunningServer server, String name) implements AutoCloseable {

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Drops and re-creates the database: the next statement starts from nothing. */
    public void empty() throws SQLException {
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            s.execute("CREATE DATABASE `" + name + "`");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
