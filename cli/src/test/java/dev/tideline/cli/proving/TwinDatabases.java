package dev.tideline.cli.proving;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Two scratch databases on the machine's PostgreSQL 15 (127.0.0.1:5432, trust auth), named {@code plans_…} and
 * dropped after: the plan runs on one, the original migration on its twin, and the server says whether they agree.
 */
final class TwinDatabases implements AutoCloseable {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    final String planned;
    final String original;

    TwinDatabases(String label) throws SQLException {
        String id = label.toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_" + UUID.randomUUID().toString().substring(0, 8);
        planned = "plans_" + id + "_p";
        original = "plans_" + id + "_o";
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + planned);
            st.execute("CREATE DATABASE " + original);
        }
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(SERVER + "postgres", "postgres", "");
    }

    static Connection connect(String db, String application) throws SQLException {
        return DriverManager.getConnection(SERVER + db + "?ApplicationName=" + application, "postgres", "");
    }

    /** Runs the same SQL on both (the earlier migrations, the generated rows). */
    void both(String sql) throws SQLException {
        for (String db : new String[] {planned, original}) {
            try (Connection c = connect(db, "plans-setup"); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + planned + " WITH (FORCE)");
            st.execute("DROP DATABASE IF EXISTS " + original + " WITH (FORCE)");
        }
    }
}
