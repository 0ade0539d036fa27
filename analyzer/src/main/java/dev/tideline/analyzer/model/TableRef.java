package dev.tideline.analyzer.model;

/**
 * A relation name as PostgreSQL resolves it: unquoted identifiers folded to lower case, quoted ones kept.
 * {@code schema} is null when the statement did not qualify the name.
 */
public record TableRef(String schema, String name) {
    public static TableRef of(String name) {
        return new TableRef(null, name);
    }

    /** Same relation ignoring an unqualified vs {@code public.} difference. */
    public boolean sameAs(TableRef other) {
        if (other == null || !name.equals(other.name)) return false;
        String a = schema == null ? "public" : schema;
        String b = other.schema == null ? "public" : other.schema;
        return a.equals(b);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
