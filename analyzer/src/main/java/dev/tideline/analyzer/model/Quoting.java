package dev.tideline.analyzer.model;

import java.util.Set;

/**
 * Writes names and text from a migration into generated SQL without changing their meaning: the one place for
 * quoting, used by plans and lint fixes alike. Identifiers follow PostgreSQL's {@code quote_ident}.
 */
public final class Quoting {
    /**
     * Keywords {@code quote_ident} quotes: every category but unreserved (reserved, column-name and
     * type-function-name), as {@code pg_get_keywords()} lists them on PostgreSQL 15, plus the ones later versions
     * added (quoting those on 15 names the same identifier).
     */
    private static final Set<String> KEYWORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
            "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
            "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
            "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
            "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
            "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest",
            "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer",
            "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like",
            "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
            "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer",
            "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references", "returning",
            "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring",
            "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim",
            "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where",
            "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
            "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
            // PostgreSQL 16 and 17
            "system_user", "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
            "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "merge_action");

    private static final String DOLLAR_TAG = "tideline";

    private Quoting() {}

    /** An identifier as {@code quote_ident} writes it: bare only when lower-case ASCII and not a keyword. */
    public static String ident(String name) {
        return isBare(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    private static boolean isBare(String name) {
        if (name.isEmpty() || KEYWORDS.contains(name)) return false;
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first == '_')) return false;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) return false;
        }
        return true;
    }

    /** A relation name, schema-qualified when it was written so. */
    public static String table(TableRef ref) {
        return ref.schema() == null ? ident(ref.name()) : ident(ref.schema()) + "." + ident(ref.name());
    }

    /**
     * A string literal as {@code quote_literal} writes it: with a backslash inside, the {@code E''} form, so it
     * means the same whatever {@code standard_conforming_strings} is.
     */
    public static String literal(String text) {
        String quoted = "'" + text.replace("'", "''") + "'";
        return text.indexOf('\\') < 0 ? quoted : "E" + quoted.replace("\\", "\\\\");
    }

    /** Text for a {@code --} comment: a line break in a name would end the comment and leave the rest as SQL. */
    public static String comment(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The body between dollar quotes whose tag does not occur in it (a body holding the tag would end early). */
    public static String dollarQuoted(String body) {
        String tag = "$" + DOLLAR_TAG + "$";
        // the end of the body and the closing tag together may spell the tag too ("…$tideline" + "$tideline$")
        for (int n = 1; (body + tag).indexOf(tag) != body.length(); n++) tag = "$" + DOLLAR_TAG + "_" + n + "$";
        return tag + body + tag;
    }
}
