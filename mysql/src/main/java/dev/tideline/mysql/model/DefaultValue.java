package dev.tideline.mysql.model;

/**
 * A column's DEFAULT as written. {@code CONSTANT} is a literal (or NULL); {@code CURRENT_TIMESTAMP} covers
 * {@code CURRENT_TIMESTAMP[(n)]}, {@code NOW()} and their synonyms; {@code EXPRESSION} is a parenthesised expression
 * ({@code DEFAULT (UUID())}), which the server evaluates per row.
 */
public record DefaultValue(Kind kind, String text) {
    public enum Kind { CONSTANT, NULL, CURRENT_TIMESTAMP, EXPRESSION }

    /** An expression default whose value differs per row or per server (UUID(), RAND(), SYSDATE() …). */
    public boolean nonDeterministic() {
        if (kind != Kind.EXPRESSION) return false;
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return t.contains("uuid") || t.contains("rand(") || t.contains("sysdate") || t.contains("connection_id")
                || t.contains("user(");
    }
}
