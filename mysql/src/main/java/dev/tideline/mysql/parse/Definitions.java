package dev.tideline.mysql.parse;

import dev.tideline.mysql.lex.Lexeme;
import dev.tideline.mysql.lex.Lexeme.Kind;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.DefaultValue;
import dev.tideline.mysql.model.ForeignKey;
import dev.tideline.mysql.model.IndexDefinition;
import dev.tideline.mysql.model.IndexKind;
import dev.tideline.mysql.model.KeyPart;
import dev.tideline.mysql.model.MySqlType;
import dev.tideline.mysql.model.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pieces CREATE TABLE and ALTER TABLE share: column definitions with their types and attributes, index and
 * foreign-key definitions with their key parts, and table options.
 */
final class Definitions {
    private static final Set<String> CURRENT_TIME = Set.of("CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP",
            "CURRENT_DATE", "CURDATE", "CURRENT_TIME", "CURTIME", "UTC_TIMESTAMP");

    private Definitions() {}

    static NotRecognized fail(Tokens t, String what) {
        Lexeme l = t.peek();
        return new NotRecognized(what + (l == null ? " at the end of the statement" : " at '" + l.text() + "' (line "
                + l.line() + ")"));
    }

    static String requireIdentifier(Tokens t, String what) {
        String name = t.identifier();
        if (name == null) throw fail(t, "expected " + what);
        return name;
    }

    // ---- columns -------------------------------------------------------------------------------------------------

    /** {@code name type attributes…}, up to the next top-level comma or closing parenthesis. */
    static ColumnDefinition column(Tokens t) {
        String name = requireIdentifier(t, "a column name");
        return columnAfterName(t, name);
    }

    static ColumnDefinition columnAfterName(Tokens t, String name) {
        MySqlType type = type(t);
        Boolean nullable = null;
        DefaultValue def = null;
        boolean autoIncrement = false;
        String charset = null;
        String collation = null;
        String comment = null;
        ColumnDefinition.Generated generated = null;
        IndexKind key = null;
        String references = null;
        while (!t.atEnd() && !t.isPunct(',') && !t.isPunct(')') && !t.is("FIRST") && !t.is("AFTER")) {
            if (t.accept("NOT", "NULL")) nullable = false;
            else if (t.accept("NULL")) nullable = true;
            else if (t.accept("DEFAULT")) def = defaultValue(t);
            else if (t.accept("AUTO_INCREMENT")) autoIncrement = true;
            else if (t.accept("PRIMARY", "KEY") || t.accept("PRIMARY")) {
                key = IndexKind.PRIMARY;
                nullable = false;
            } else if (t.accept("UNIQUE")) {
                if (t.acceptAny("KEY", "INDEX") == null) { /* UNIQUE alone */ }
                if (key == null) key = IndexKind.UNIQUE;
            } else if (t.accept("KEY")) {
                key = IndexKind.PRIMARY;
                nullable = false;
            } else if (t.accept("COMMENT")) comment = string(t);
            else if (t.accept("COLLATE")) {
                t.acceptEquals();
                collation = requireIdentifier(t, "a collation");
            } else if (t.accept("CHARACTER", "SET") || t.accept("CHARSET")) {
                t.acceptEquals();
                charset = requireIdentifier(t, "a character set");
            } else if (t.accept("ON", "UPDATE")) t.value();
            else if (t.accept("GENERATED", "ALWAYS", "AS") || t.accept("AS")) {
                if (t.parenthesised() == null) throw fail(t, "expected (expression) of a generated column");
                generated = ColumnDefinition.Generated.VIRTUAL;
            } else if (t.accept("VIRTUAL")) generated = ColumnDefinition.Generated.VIRTUAL;
            else if (t.acceptAny("STORED", "PERSISTENT") != null) generated = ColumnDefinition.Generated.STORED;
            else if (t.acceptAny("VISIBLE", "INVISIBLE", "COMPRESSED") != null) { /* no effect on the decisions */ }
            else if (t.acceptAny("COLUMN_FORMAT", "STORAGE") != null) t.next();
            else if (t.acceptAny("ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "SRID") != null) {
                t.acceptEquals();
                t.value();
            } else if (t.accept("WITH", "SYSTEM", "VERSIONING") || t.accept("WITHOUT", "SYSTEM", "VERSIONING")) { /* MariaDB */ }
            else if (t.accept("REFERENCES")) references = references(t).referenced().toString();
            else if (t.is("CONSTRAINT") || t.is("CHECK")) {
                if (t.accept("CONSTRAINT") && !t.is("CHECK")) t.identifier();
                if (!t.accept("CHECK") || t.parenthesised() == null) throw fail(t, "expected CHECK (expression)");
                enforced(t);
            } else if (t.accept("SERIAL", "DEFAULT", "VALUE")) {
                autoIncrement = true;
                nullable = false;
                key = IndexKind.UNIQUE;
            } else throw fail(t, "unknown column attribute");
        }
        if (type.name().equals("serial")) {
            autoIncrement = true;
            nullable = false;
            key = key == null ? IndexKind.UNIQUE : key;
        }
        return new ColumnDefinition(name, type, nullable, def, autoIncrement, charset, collation, comment, generated, key,
                references);
    }

    private static void enforced(Tokens t) {
        if (!t.accept("NOT", "ENFORCED")) t.accept("ENFORCED");
    }

    static MySqlType type(Tokens t) {
        Lexeme head = t.next();
        if (head == null || head.kind() != Kind.WORD) throw fail(t, "expected a column type");
        String name = head.text();
        if (head.is("DOUBLE") && t.accept("PRECISION")) name = "double";
        else if (head.is("NATIONAL")) name = "n" + requireIdentifier(t, "CHAR or VARCHAR").toLowerCase(Locale.ROOT);
        else if ((head.is("CHAR") || head.is("CHARACTER")) && t.accept("VARYING")) name = "varchar";
        else if (head.is("CHARACTER")) name = "char";
        else if (head.is("LONG")) {
            t.acceptAny("VARCHAR", "VARBINARY");
            name = "mediumtext";
        }
        List<String> args = new ArrayList<>();
        if (t.isPunct('(')) {
            t.next();
            while (!t.atEnd() && !t.isPunct(')')) {
                args.add(t.skipToCommaOrClose().strip());
                t.acceptPunct(',');
            }
            if (!t.acceptPunct(')')) throw fail(t, "unclosed type arguments");
        }
        boolean unsigned = false;
        String charset = null;
        String collation = null;
        while (true) {
            if (t.accept("UNSIGNED")) unsigned = true;
            else if (t.acceptAny("SIGNED", "ZEROFILL", "BINARY", "ASCII", "UNICODE", "BYTE") != null) { /* storage only */ }
            else if (t.accept("CHARACTER", "SET") || t.accept("CHARSET") || t.accept("CHAR", "SET")) {
                t.acceptEquals();
                charset = requireIdentifier(t, "a character set");
            } else if (t.accept("COLLATE")) {
                t.acceptEquals();
                collation = requireIdentifier(t, "a collation");
            } else break;
        }
        return new MySqlType(name, args, unsigned, charset, collation);
    }

    static DefaultValue defaultValue(Tokens t) {
        Lexeme l = t.peek();
        if (l == null) throw fail(t, "expected a DEFAULT value");
        if (l.isPunct('(')) return new DefaultValue(DefaultValue.Kind.EXPRESSION, t.value());
        if (l.is("NULL")) {
            t.next();
            return new DefaultValue(DefaultValue.Kind.NULL, "NULL");
        }
        String text = t.value();
        String head = l.upper();
        if (CURRENT_TIME.contains(head)) return new DefaultValue(DefaultValue.Kind.CURRENT_TIMESTAMP, text);
        boolean call = text.endsWith(")") && l.kind() == Kind.WORD;
        return new DefaultValue(call ? DefaultValue.Kind.EXPRESSION : DefaultValue.Kind.CONSTANT, text);
    }

    static String string(Tokens t) {
        Lexeme l = t.next();
        if (l == null || l.kind() != Kind.STRING) throw fail(t, "expected a string");
        return Tokens.unquote(l.text());
    }

    // ---- indexes and constraints ---------------------------------------------------------------------------------

    /** Whether the next words start an index, key or constraint definition rather than a column. */
    static boolean startsKeyDefinition(Tokens t) {
        return t.is("CONSTRAINT") || t.is("PRIMARY") || t.is("UNIQUE") || t.is("INDEX") || t.is("KEY")
                || t.is("FULLTEXT") || t.is("SPATIAL") || t.is("FOREIGN") || t.is("CHECK")
                || (t.is("PERIOD") && t.is(1, "FOR"));
    }

    /** A key or constraint definition: one of {@link IndexDefinition}, {@link ForeignKey} or a CHECK (its text). */
    static Object keyDefinition(Tokens t) {
        String constraint = null;
        if (t.accept("CONSTRAINT")) {
            if (!(t.is("PRIMARY") || t.is("UNIQUE") || t.is("FOREIGN") || t.is("CHECK"))) constraint = t.identifier();
        }
        if (t.accept("PRIMARY", "KEY")) return index(t, IndexKind.PRIMARY, "PRIMARY");
        if (t.accept("UNIQUE")) {
            t.acceptAny("INDEX", "KEY");
            return index(t, IndexKind.UNIQUE, constraint);
        }
        String kind = t.acceptAny("FULLTEXT", "SPATIAL");
        if (kind != null) {
            t.acceptAny("INDEX", "KEY");
            return index(t, kind.equals("FULLTEXT") ? IndexKind.FULLTEXT : IndexKind.SPATIAL, null);
        }
        if (t.acceptAny("INDEX", "KEY") != null) return index(t, IndexKind.PLAIN, null);
        if (t.accept("FOREIGN", "KEY")) {
            t.accept("IF", "NOT", "EXISTS");
            String name = t.isPunct('(') ? constraint : t.identifier();
            List<String> columns = columnList(t);
            ForeignKey refs = references(t);
            return new ForeignKey(constraint != null ? constraint : name, columns, refs.referenced(), refs.referencedColumns());
        }
        if (t.accept("CHECK")) {
            String expr = t.parenthesised();
            if (expr == null) throw fail(t, "expected CHECK (expression)");
            enforced(t);
            return new Check(constraint, expr);
        }
        if (t.accept("PERIOD", "FOR")) {
            t.identifier();
            t.parenthesised();
            return new Check(null, "");
        }
        throw fail(t, "expected an index or constraint");
    }

    /** A CHECK constraint read by {@link #keyDefinition}. */
    record Check(String name, String expression) {}

    /** {@code [IF NOT EXISTS] [name] [USING x] (key parts) [options]}; {@code fixedName} overrides the written name. */
    private static IndexDefinition index(Tokens t, IndexKind kind, String fixedName) {
        t.accept("IF", "NOT", "EXISTS");
        String name = null;
        if (!t.isPunct('(') && !t.is("USING")) name = t.identifier();
        indexOptions(t);
        List<KeyPart> parts = keyParts(t);
        indexOptions(t);
        return new IndexDefinition(kind, kind == IndexKind.PRIMARY ? "PRIMARY" : fixedName != null ? fixedName : name, parts);
    }

    static void indexOptions(Tokens t) {
        while (true) {
            if (t.accept("USING") || t.accept("TYPE")) t.acceptAny("BTREE", "HASH", "RTREE");
            else if (t.accept("KEY_BLOCK_SIZE")) {
                t.acceptEquals();
                t.next();
            } else if (t.accept("COMMENT")) string(t);
            else if (t.accept("WITH", "PARSER")) t.identifier();
            else if (t.acceptAny("VISIBLE", "INVISIBLE", "IGNORED") != null || t.accept("NOT", "IGNORED")) { /* no effect */ }
            else if (t.acceptAny("ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "CLUSTERING") != null) {
                t.acceptEquals();
                t.value();
            } else return;
        }
    }

    /** {@code (part, …)}: columns with optional prefix length and ASC/DESC, or {@code (expression)} parts. */
    static List<KeyPart> keyParts(Tokens t) {
        if (!t.acceptPunct('(')) throw fail(t, "expected ( key parts )");
        List<KeyPart> parts = new ArrayList<>();
        while (true) {
            KeyPart part;
            if (t.isPunct('(')) {
                part = new KeyPart(null, null, t.parenthesised(), false);
            } else {
                String column = requireIdentifier(t, "a key column");
                Integer prefix = null;
                if (t.isPunct('(')) {
                    String n = t.parenthesised();
                    try {
                        prefix = Integer.valueOf(n.strip());
                    } catch (NumberFormatException e) {
                        throw fail(t, "expected a prefix length");
                    }
                }
                part = new KeyPart(column, prefix, null, false);
            }
            String order = t.acceptAny("ASC", "DESC");
            if ("DESC".equals(order)) part = new KeyPart(part.column(), part.prefixLength(), part.expression(), true);
            parts.add(part);
            if (t.acceptPunct(')')) return parts;
            if (!t.acceptPunct(',')) throw fail(t, "expected , or ) in key parts");
        }
    }

    static List<String> columnList(Tokens t) {
        if (!t.acceptPunct('(')) throw fail(t, "expected ( columns )");
        List<String> columns = new ArrayList<>();
        while (true) {
            columns.add(requireIdentifier(t, "a column name"));
            if (t.isPunct('(')) t.parenthesised();
            t.acceptAny("ASC", "DESC");
            if (t.acceptPunct(')')) return columns;
            if (!t.acceptPunct(',')) throw fail(t, "expected , or ) in a column list");
        }
    }

    /** {@code REFERENCES t (cols) [MATCH …] [ON DELETE|UPDATE action]…}; the name of the returned key is null. */
    static ForeignKey references(Tokens t) {
        t.accept("REFERENCES");
        TableName table = t.tableName();
        if (table == null) throw fail(t, "expected the referenced table");
        List<String> columns = t.isPunct('(') ? columnList(t) : List.of();
        while (true) {
            if (t.accept("MATCH")) t.acceptAny("FULL", "PARTIAL", "SIMPLE");
            else if (t.accept("ON") && t.acceptAny("DELETE", "UPDATE") != null) {
                if (!(t.accept("SET", "NULL") || t.accept("SET", "DEFAULT") || t.accept("NO", "ACTION")
                        || t.acceptAny("CASCADE", "RESTRICT") != null)) throw fail(t, "expected a referential action");
            } else return new ForeignKey(null, List.of(), table, columns);
        }
    }

    // ---- table options -------------------------------------------------------------------------------------------

    /**
     * Table options up to the end, a partition clause or anything else; keys canonical upper case. Commas between
     * options are consumed only when {@code commas} (CREATE TABLE); in ALTER TABLE they separate sub-commands.
     */
    static Map<String, String> tableOptions(Tokens t, boolean commas) {
        Map<String, String> options = new LinkedHashMap<>();
        while (!t.atEnd()) {
            int mark = t.mark();
            t.accept("DEFAULT");
            String key;
            if (t.accept("CHARACTER", "SET") || t.accept("CHARSET") || t.accept("CHAR", "SET")) key = "CHARSET";
            else if (t.accept("COLLATE")) key = "COLLATE";
            else if (t.accept("DATA", "DIRECTORY")) key = "DATA_DIRECTORY";
            else if (t.accept("INDEX", "DIRECTORY")) key = "INDEX_DIRECTORY";
            else if (t.accept("WITH", "SYSTEM", "VERSIONING")) {
                options.put("SYSTEM_VERSIONING", "ON");
                continue;
            } else {
                Lexeme l = t.peek();
                if (l.kind() != Kind.WORD || !TABLE_OPTIONS.contains(l.upper())) {
                    t.reset(mark);
                    break;
                }
                key = t.next().upper().replace("TYPE", "ENGINE");
            }
            t.acceptEquals();
            if (key.equals("UNION")) options.put(key, t.parenthesised());
            else {
                Lexeme v = t.next();
                if (v == null) throw fail(t, "expected a value of " + key);
                options.put(key, Tokens.unquote(v.text()));
                if (key.equals("TABLESPACE") && t.accept("STORAGE")) t.next();
            }
            if (commas && t.isPunct(',') && t.peek(1) != null && t.peek(1).kind() == Kind.WORD) t.next();
        }
        return options;
    }

    private static final Set<String> TABLE_OPTIONS = Set.of("ENGINE", "TYPE", "ROW_FORMAT", "AUTO_INCREMENT", "COMMENT",
            "KEY_BLOCK_SIZE", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM", "COMPRESSION", "CONNECTION",
            "DELAY_KEY_WRITE", "ENCRYPTION", "INSERT_METHOD", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "PASSWORD",
            "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "UNION", "PAGE_CHECKSUM",
            "TRANSACTIONAL", "ENCRYPTED", "ENCRYPTION_KEY_ID", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "SEQUENCE",
            "IETF_QUOTES", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "AUTOEXTEND_SIZE", "START");
}
