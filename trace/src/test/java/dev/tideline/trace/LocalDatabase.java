package dev.tideline.trace;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throwaway database on the machine's PostgreSQL 15 (127.0.0.1:5432, trust auth), for tests. */
final class LocalDatabase implements AutoCloseable {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    final String name = "tideline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    LocalDatabase(String... setup) throws SQLException {
        exec("postgres", "CREATE DATABASE " + name);
        for (String sql : setup) exec(name, sql);
    }

    String url() {
        return SERVER + name + "?user=postgres";
    }

    void exec(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row. */
    String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + name, "postgres", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        exec("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
