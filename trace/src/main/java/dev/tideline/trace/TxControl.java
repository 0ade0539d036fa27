package dev.tideline.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How the tracer opens and ends a transaction. On a scratch database: real BEGIN/COMMIT. In place: savepoints inside
 * the one outer transaction that is always rolled back, so nothing the migrations do can ever be committed.
 */
interface TxControl {
    void begin(Connection c, String name) throws SQLException;

    void commit(Connection c, String name) throws SQLException;

    void rollback(Connection c, String name) throws SQLException;

    /** False in place: a statement that cannot run in a transaction block cannot run at all. */
    boolean allowsAutocommit();

    TxControl REAL = new TxControl() {
        public void begin(Connection c, String name) throws SQLException {
            run(c, "BEGIN");
        }

        public void commit(Connection c, String name) throws SQLException {
            run(c, "COMMIT");
        }

        public void rollback(Connection c, String name) throws SQLException {
            run(c, "ROLLBACK");
        }

        public boolean allowsAutocommit() {
            return true;
        }
    };

    TxControl SAVEPOINTS = new TxControl() {
        public void begin(Connection c, String name) throws SQLException {
            run(c, "SAVEPOINT " + name);
        }

        public void commit(Connection c, String name) throws SQLException {
            run(c, "RELEASE SAVEPOINT " + name);
        }

        public void rollback(Connection c, String name) throws SQLException {
            run(c, "ROLLBACK TO SAVEPOINT " + name);
            run(c, "RELEASE SAVEPOINT " + name);
        }

        public boolean allowsAutocommit() {
            return false;
        }
    };

    static void run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
