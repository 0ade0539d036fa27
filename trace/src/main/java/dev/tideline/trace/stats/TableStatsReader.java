package dev.tideline.trace.stats;

import dev.tideline.analyzer.model.TableRef;
import dev.tideline.trace.TraceException;
import dev.tideline.trace.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads row estimates and sizes of tables from a live database, strictly read-only: the session is set to
 * {@code default_transaction_read_only} and the reads run in a READ ONLY transaction that is rolled back.
 * Tables that do not exist (yet) are simply absent from the result.
 */
public final class TableStatsReader {
    private final ConnectionSpec spec;

    public TableStatsReader(ConnectionSpec spec) {
        this.spec = spec;
    }

    public Map<TableRef, TableStats> read(Collection<TableRef> tables) {
        Map<TableRef, TableStats> stats = new LinkedHashMap<>();
        if (tables.isEmpty()) return stats;
        try (Connection c = spec.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET default_transaction_read_only = on");
            }
            c.setReadOnly(true);
            c.setAutoCommit(false);
            // Never analysed: reltuples is -1 from PostgreSQL 14 on; before, 0 with relpages 0 (which an empty
            // analysed table shows too, so there it is unknown as well).
            try (PreparedStatement ps = c.prepareStatement("""
                    select case when c.reltuples < 0 or (c.reltuples = 0 and c.relpages = 0
                                     and pg_catalog.current_setting('server_version_num')::int < 140000)
                                then -1 else c.reltuples::bigint end,
                           pg_catalog.pg_total_relation_size(c.oid)
                      from pg_catalog.pg_class c where c.oid = pg_catalog.to_regclass(?)""")) {
                for (TableRef t : tables) {
                    ps.setString(1, qualified(t));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) stats.put(t, new TableStats(rs.getLong(1), rs.getLong(2)));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new TraceException("cannot read table statistics from " + spec.display() + ": " + spec.mask(e.getMessage()));
        }
        return stats;
    }

    private static String qualified(TableRef t) {
        String name = quote(t.name());
        return t.schema() == null ? name : quote(t.schema()) + "." + name;
    }

    private static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
