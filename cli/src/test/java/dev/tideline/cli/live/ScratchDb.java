package dev.tideline.cli.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database created on the machine's PostgreSQL 15 (127.0.0.1:5432, trust auth) for one test, dropped after. */
public final class ScratchDb implements AutoCloseable {
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    public final String name;

    public ScratchDb() throws SQLException {
        this(null);
    }

    /** A copy of {@code template} (a file copy: much faster than loading the same rows again). */
    public ScratchDb(ScratchDb template) throws SQLException {
        this("tideline_live_", template);
    }

    /** An empty database whose name starts with {@code prefix}. */
    public static ScratchDb named(String prefix) throws SQLException {
        return new ScratchDb(prefix, null);
    }

    private ScratchDb(String prefix, ScratchDb template) throws SQLException {
        name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template.name));
        }
    }

    /** The URL a user would pass to {@code --db}. */
    public String url() {
        return SERVER + name + "?user=postgres";
    }

    public Connection connect(String applicationName) throws SQLException {
        Connection c = DriverManager.getConnection(SERVER + name + "?ApplicationName=" + applicationName.replace(" ", "%20"),
                "postgres", "");
        c.setAutoCommit(true);
        return c;
    }

    public void exec(String sql) throws SQLException {
        try (Connection c = connect("tideline-test-setup"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = connect("tideline-test-check"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String string(String sql) throws SQLException {
        try (Connection c = connect("tideline-test-check"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
