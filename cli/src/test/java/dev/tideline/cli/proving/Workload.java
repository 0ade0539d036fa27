package dev.tideline.cli.proving;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A generated running release: in rounds, it inserts a row into each table it knows, updates that row and reads it
 * back, on its own connection while plan steps run. Every write is kept as SQL text that means the same on any
 * database holding the same rows, so the twin can take the same writes.
 */
final class Workload {
    private final String db;
    private final Map<String, GeneratedRows.TableShape> shapes;
    private final List<String> writes = new ArrayList<>();
    private long next;
    private Thread thread;
    private volatile boolean stopping;
    private volatile String error;

    Workload(String db, Map<String, GeneratedRows.TableShape> shapes, long firstRow) {
        this.db = db;
        this.shapes = shapes;
        this.next = firstRow;
    }

    void start() {
        stopping = false;
        thread = new Thread(this::loop, "plans-workload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the current round (and at least {@link ProvingGround#ROUNDS} of this run); the first error, or null. */
    String stop() throws InterruptedException {
        stopping = true;
        thread.join();
        return error;
    }

    int writes() {
        return writes.size();
    }

    private void loop() {
        try (Connection c = TwinDatabases.connect(db, "plans-running-release"); Statement st = c.createStatement()) {
            for (int round = 0; error == null && (round < ProvingGround.ROUNDS || !stopping); round++) {
                for (GeneratedRows.TableShape s : shapes.values()) {
                    String sql = "";
                    try {
                        long g = next++;
                        sql = s.insert(g) + (s.key().isEmpty() ? "" : " RETURNING " + String.join(", ", s.key().stream()
                                .map(k -> k + "::text").toList()));
                        String where = null;
                        if (s.key().isEmpty()) {
                            st.execute(sql);
                        } else {
                            try (ResultSet rs = st.executeQuery(sql)) {
                                rs.next();
                                StringJoiner w = new StringJoiner(" AND ");
                                for (int k = 0; k < s.key().size(); k++) {
                                    String v = rs.getString(k + 1);
                                    w.add(s.key().get(k) + "::text " + (v == null ? "IS NULL" : "= '" + v.replace("'", "''") + "'"));
                                }
                                where = w.toString();
                            }
                        }
                        synchronized (writes) {
                            writes.add(s.insert(g));
                        }
                        if (where == null) continue;
                        if (!s.updatable().isEmpty()) {
                            String column = s.updatable().get(0);
                            String value = s.values().get(s.columns().indexOf(column)).replace("{g}", Long.toString(g + 500_000));
                            sql = "UPDATE " + s.table() + " SET " + column + " = " + value + " WHERE " + where;
                            st.execute(sql);
                            synchronized (writes) {
                                writes.add(sql);
                            }
                        }
                        sql = "SELECT * FROM " + s.table() + " WHERE " + where;
                        try (ResultSet rs = st.executeQuery(sql)) {
                            if (!rs.next()) throw new SQLException("the row just written is not there");
                        }
                    } catch (SQLException e) {
                        error = e.getMessage().lines().findFirst().orElse("") + " — " + sql;
                        return;
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same writes, in the same order, on another database; the first failure, or null. */
    String replay(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String w : writes) {
                try {
                    st.execute(w);
                } catch (SQLException e) {
                    return e.getMessage().lines().findFirst().orElse("") + " — " + w;
                }
            }
        }
        return null;
    }
}
