package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.Volatility;
import dev.tideline.analyzer.source.Token;
import dev.tideline.analyzer.source.Token.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Canonical PostgreSQL type names and the volatility of default expressions (see {@link StatementParser}). */
final class SqlTypes {
    private SqlTypes() {}

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"),
            Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"),
            Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"), Map.entry("serial2", "smallserial"),
            Map.entry("character varying", "varchar"), Map.entry("varchar", "varchar"),
            Map.entry("character", "char"), Map.entry("char", "char"), Map.entry("bpchar", "char"),
            Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("double precision", "double precision"),
            Map.entry("float4", "real"), Map.entry("real", "real"),
            Map.entry("decimal", "numeric"),
            Map.entry("timestamptz", "timestamptz"), Map.entry("timetz", "timetz"),
            Map.entry("bit varying", "varbit"));

    /**
     * The canonical spelling of a type written as these tokens: lower case, single spaces, aliases resolved,
     * {@code pg_catalog.} dropped, quoted names unquoted, array brackets kept.
     */
    static String canonical(List<Token> tokens) {
        StringBuilder base = new StringBuilder();
        String args = "";
        StringBuilder arrays = new StringBuilder();
        String zone = null;
        int k = 0;
        int n = tokens.size();
        while (k < n) {
            Token t = tokens.get(k);
            if (t.isPunct('(') && args.isEmpty() && arrays.length() == 0) {
                int close = k;
                StringBuilder a = new StringBuilder("(");
                for (close = k + 1; close < n && !tokens.get(close).isPunct(')'); close++) {
                    Token arg = tokens.get(close);
                    a.append(arg.kind() == Kind.WORD ? arg.text().toLowerCase(Locale.ROOT) : arg.text());
                    if (arg.kind() == Kind.WORD && close + 1 < n && tokens.get(close + 1).kind() == Kind.WORD) a.append(' ');
                }
                args = a.append(')').toString();
                k = close + 1;
            } else if (t.isPunct('[')) {
                int close = k + 1;
                StringBuilder a = new StringBuilder("[");
                while (close < n && !tokens.get(close).isPunct(']')) a.append(tokens.get(close++).text());
                arrays.append(a).append(']');
                k = close + 1;
            } else if (t.is("ARRAY")) {
                if (k + 1 >= n || !tokens.get(k + 1).isPunct('[')) arrays.append("[]");
                k++;
            } else if ((t.is("WITH") || t.is("WITHOUT")) && k + 2 < n && tokens.get(k + 1).is("TIME") && tokens.get(k + 2).is("ZONE")) {
                zone = t.is("WITH") ? "with" : "without";
                k += 3;
            } else if (t.isPunct('.')) {
                base.append('.');
                k++;
            } else {
                String word = t.kind() == Kind.QUOTED_IDENT ? Cursor.unquote(t.text())
                        : t.kind() == Kind.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text();
                if (base.length() > 0 && base.charAt(base.length() - 1) != '.') base.append(' ');
                base.append(word);
                k++;
            }
        }
        String name = base.toString();
        if (name.startsWith("pg_catalog.")) name = name.substring("pg_catalog.".length());
        if (name.equals("float")) {
            name = floatPrecision(args) <= 24 && !args.isEmpty() ? "real" : "double precision";
            args = "";
        }
        if (name.equals("timestamp") || name.equals("time")) {
            if ("with".equals(zone)) name = name + "tz";
        } else if (zone != null) {
            name = name + " " + zone + " time zone";
        }
        name = ALIASES.getOrDefault(name, name);
        return name + args + arrays;
    }

    private static int floatPrecision(String args) {
        try {
            return Integer.parseInt(args.replaceAll("[()\\s]", ""));
        } catch (NumberFormatException e) {
            return 53;
        }
    }

    private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "clock_timestamp", "gen_random_uuid",
            "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuid_generate_v7", "uuidv4", "uuidv7",
            "nextval", "timeofday", "setseed", "txid_current", "gen_random_bytes", "pg_current_xact_id", "random_normal");
    private static final Set<String> STABLE_FUNCTIONS = Set.of("now", "current_timestamp", "current_date",
            "current_time", "localtimestamp", "localtime", "statement_timestamp", "transaction_timestamp",
            "current_setting", "to_char", "to_timestamp", "to_date", "concat", "jsonb_build_object",
            "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb", "to_json", "current_schema",
            "current_user", "session_user", "current_role", "current_database", "age");
    private static final Set<String> STABLE_WORDS = Set.of("current_timestamp", "current_date", "current_time",
            "localtimestamp", "localtime", "current_user", "session_user", "current_role", "current_schema",
            "current_catalog", "user");
    /** Built-in immutable functions and keywords that are followed by '(' without being a function call. */
    private static final Set<String> IMMUTABLE_CALLS = Set.of("cast", "coalesce", "nullif", "greatest", "least",
            "row", "array", "in", "and", "or", "not", "any", "all", "some", "when", "then", "else", "case",
            "extract", "position", "substring", "trim", "overlay", "lower", "upper", "abs", "round", "length", "md5",
            "substr", "replace", "timezone", "is", "exists", "like", "between", "interval", "numeric", "decimal",
            "varchar", "char", "character", "timestamp", "time", "bit", "float", "array_fill", "left", "right",
            "btrim", "ltrim", "rtrim", "split_part", "concat_ws", "jsonb", "json", "point", "ceil", "floor", "mod",
            "power", "sqrt", "date_trunc", "make_interval", "to_tsvector", "array_length", "cardinality", "string_to_array",
            "array_to_string", "regexp_replace", "lpad", "rpad", "int4range", "tstzrange", "daterange", "encode",
            "decode", "sha256", "uuid_nil");

    /**
     * Volatility of a default expression: literals and constant casts IMMUTABLE, now()-like STABLE, random()-like
     * and any unknown function call VOLATILE (conservative), NONE for no expression.
     */
    static Volatility volatility(List<Token> expr) {
        if (expr.isEmpty()) return Volatility.NONE;
        Volatility v = Volatility.IMMUTABLE;
        for (int k = 0; k < expr.size(); k++) {
            Token t = expr.get(k);
            if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENT) continue;
            boolean afterCast = k > 0 && expr.get(k - 1).kind() == Kind.OPERATOR && expr.get(k - 1).text().equals("::");
            boolean call = k + 1 < expr.size() && expr.get(k + 1).isPunct('(');
            String name = Cursor.normalise(t).toLowerCase(Locale.ROOT);
            if (call && !afterCast) {
                if (VOLATILE_FUNCTIONS.contains(name)) return Volatility.VOLATILE;
                if (STABLE_FUNCTIONS.contains(name)) v = max(v, Volatility.STABLE);
                else if (!IMMUTABLE_CALLS.contains(name)) return Volatility.VOLATILE;
            } else if (!call && t.kind() == Kind.WORD && STABLE_WORDS.contains(name)
                    && !(k > 0 && expr.get(k - 1).isPunct('.'))) {
                v = max(v, Volatility.STABLE);
            }
        }
        return v;
    }

    private static Volatility max(Volatility a, Volatility b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
