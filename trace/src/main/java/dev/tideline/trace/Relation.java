package dev.tideline.trace;

/**
 * A user relation as the tracing session sees it.
 *
 * @param kind     pg_class.relkind: r table, p partitioned table, i index, S sequence, t TOAST, v view, m matview…
 * @param ownerOid the table an index or TOAST table belongs to, else 0
 */
record Relation(long oid, String schema, String name, char kind, long filenode, long ownerOid) {
    boolean isTable() {
        return kind == 'r' || kind == 'p' || kind == 'm' || kind == 'f' || kind == 'v';
    }

    String kindName() {
        return switch (kind) {
            case 'r' -> "table";
            case 'p' -> "partitioned table";
            case 'i' -> "index";
            case 'I' -> "partitioned index";
            case 'S' -> "sequence";
            case 't' -> "toast";
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'f' -> "foreign table";
            default -> "relation";
        };
    }

    String displayName() {
        return display(schema, name);
    }

    /** How a relation is named in a trace: without the schema when it is {@code public}. */
    static String display(String schema, String name) {
        return schema.equals("public") ? name : schema + "." + name;
    }
}
