package dev.tideline.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The user relations visible to one session (read on the tracing connection itself, so relations created in its open
 * transaction are included): names for lock entries, and relfilenodes to detect rewrites.
 */
final class Catalog {
    private static final String QUERY = """
            select c.oid::bigint, n.nspname, c.relname, c.relkind::text, c.relfilenode::bigint,
                   coalesce(ix.indrelid, toast_owner.oid, 0)::bigint
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
              left join pg_index ix on ix.indexrelid = c.oid
              left join pg_class toast_owner on toast_owner.reltoastrelid = c.oid
             where c.oid >= 16384 and n.nspname not in ('pg_catalog', 'information_schema')""";
    private static final String FOREIGN_KEYS = """
            select distinct cn.nspname, c.relname, fn.nspname, f.relname
              from pg_constraint k
              join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
              join pg_class f on f.oid = k.confrelid join pg_namespace fn on fn.oid = f.relnamespace
             where k.contype = 'f'""";

    private final Map<Long, Relation> byOid;
    /** Foreign keys as "referencing table -> referenced table", by display name. */
    private final Set<String> foreignKeys;

    private Catalog(Map<Long, Relation> byOid, Set<String> foreignKeys) {
        this.byOid = byOid;
        this.foreignKeys = foreignKeys;
    }

    static Catalog read(Connection connection) throws SQLException {
        Map<Long, Relation> rels = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                rels.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).charAt(0), rs.getLong(5), rs.getLong(6)));
            }
        }
        Set<String> keys = new HashSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(FOREIGN_KEYS)) {
            while (rs.next()) {
                keys.add(edge(Relation.display(rs.getString(1), rs.getString(2)), Relation.display(rs.getString(3), rs.getString(4))));
            }
        }
        return new Catalog(rels, keys);
    }

    /** True when a foreign key of {@code referencing} points at {@code referenced} (display names). */
    boolean references(String referencing, String referenced) {
        return foreignKeys.contains(edge(referencing, referenced));
    }

    private static String edge(String from, String to) {
        return from + "\0" + to;
    }

    Relation get(long oid) {
        return byOid.get(oid);
    }

    boolean contains(long oid) {
        return byOid.containsKey(oid);
    }

    Map<Long, Relation> all() {
        return byOid;
    }

    /** The table a relation belongs to: itself for a table, the indexed table for an index, the owner of a TOAST table. */
    Relation tableOf(Relation rel) {
        Relation cur = rel;
        for (int depth = 0; cur != null && !cur.isTable() && cur.ownerOid() != 0 && depth < 3; depth++) {
            Relation owner = byOid.get(cur.ownerOid());
            if (owner == null) break;
            cur = owner;
        }
        return cur;
    }
}
