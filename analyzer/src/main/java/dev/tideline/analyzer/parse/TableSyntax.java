package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.model.Volatility;
import dev.tideline.analyzer.source.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Column definitions and table constraints, shared by CREATE TABLE and ALTER TABLE. */
final class TableSyntax {
    private TableSyntax() {}

    /** Words that end a column's type or a default expression: the start of the next column constraint. */
    private static final Set<String> COLUMN_CONSTRAINT_STARTS = Set.of("CONSTRAINT", "NOT", "NULL", "CHECK",
            "DEFAULT", "GENERATED", "UNIQUE", "PRIMARY", "REFERENCES", "DEFERRABLE", "INITIALLY", "COLLATE",
            "COMPRESSION", "STORAGE");

    static boolean atTableConstraint(Cursor c) {
        return c.is("CONSTRAINT") || c.is("CHECK") || c.is("UNIQUE") || c.isSeq("PRIMARY", "KEY")
                || c.is("EXCLUDE") || c.isSeq("FOREIGN", "KEY");
    }

    /** {@code name type [column constraints…]} up to the next depth-0 ',' or ')' or the end. */
    static ColumnDef column(Cursor c, TableRef table, List<ConstraintDef> tableLevel) {
        String name = c.name();
        int typeStart = c.i;
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (depth == 0 && (t.isPunct(',') || t.isPunct(')'))) break;
            if (depth == 0 && t.kind() == Token.Kind.WORD && COLUMN_CONSTRAINT_STARTS.contains(c.upperWord())
                    && c.i > typeStart) break;
            if (t.isPunct('(') || t.isPunct('[')) depth++;
            else if (t.isPunct(')') || t.isPunct(']')) depth--;
            c.i++;
        }
        if (c.i == typeStart) throw new NotRecognized("column " + name + " has no type");
        checkTypeWords(c.slice(typeStart, c.i));
        String type = SqlTypes.canonical(c.slice(typeStart, c.i));
        boolean notNull = false;
        String defaultExpr = null;
        Volatility volatility = Volatility.NONE;
        ColumnDef.Generated generated = ColumnDef.Generated.NONE;
        List<ConstraintDef> inline = new ArrayList<>();
        while (!c.atEnd() && !c.isPunct(',') && !c.isPunct(')')) {
            String constraintName = null;
            if (c.accept("CONSTRAINT")) constraintName = c.name();
            if (c.acceptSeq("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("NULL")) {
                notNull = false;
            } else if (c.accept("DEFAULT")) {
                int start = c.i;
                skipExpression(c, true);
                defaultExpr = c.text(start, c.i);
                volatility = SqlTypes.volatility(c.slice(start, c.i));
            } else if (c.accept("GENERATED")) {
                if (c.acceptSeq("ALWAYS", "AS", "IDENTITY") || c.acceptSeq("BY", "DEFAULT", "AS", "IDENTITY")) {
                    generated = ColumnDef.Generated.IDENTITY;
                    notNull = true;
                    if (c.isPunct('(')) c.skipParens();
                } else if (c.acceptSeq("ALWAYS", "AS")) {
                    c.skipParens();
                    generated = c.accept("VIRTUAL") ? ColumnDef.Generated.VIRTUAL : ColumnDef.Generated.STORED;
                    c.accept("STORED");
                } else {
                    throw new NotRecognized("unknown GENERATED clause at " + Cursor.describe(c.peek()));
                }
            } else if (c.is("CHECK") || c.is("UNIQUE") || c.isSeq("PRIMARY", "KEY") || c.is("REFERENCES")) {
                ConstraintDef def = inlineConstraint(c, constraintName, name);
                inline.add(def);
                if (def.kind() == ConstraintDef.Kind.PRIMARY_KEY) notNull = true;
            } else if (c.accept("COLLATE") || c.accept("COMPRESSION") || c.accept("STORAGE")) {
                c.qualifiedName();
            } else if (c.is("DEFERRABLE") || c.isSeq("NOT", "DEFERRABLE") || c.is("INITIALLY")) {
                // constraint timing: belongs to the constraint written just before, which must keep it when re-created
                int start = c.i;
                if (!c.accept("DEFERRABLE") && !c.acceptSeq("NOT", "DEFERRABLE")) {
                    c.accept("INITIALLY");
                    c.next();
                }
                if (!inline.isEmpty()) {
                    ConstraintDef last = inline.remove(inline.size() - 1);
                    inline.add(withActions(last, joined(last.actions(), c.text(start, c.i))));
                }
            } else if (c.acceptSeq("NO", "INHERIT")) {
                // CHECK … NO INHERIT
            } else {
                throw new NotRecognized("unknown column option " + Cursor.describe(c.peek()));
            }
        }
        return new ColumnDef(name, type, notNull, defaultExpr, volatility, generated, List.copyOf(inline));
    }

    private static ConstraintDef inlineConstraint(Cursor c, String constraintName, String column) {
        if (c.accept("CHECK")) {
            int start = c.i;
            c.skipParens();
            String expr = c.text(start, c.i);
            c.acceptSeq("NO", "INHERIT");
            return new ConstraintDef(constraintName, ConstraintDef.Kind.CHECK, List.of(column), null, List.of(), expr, false, null, "");
        }
        if (c.accept("UNIQUE")) {
            nullsDistinct(c);
            indexParameters(c);
            return new ConstraintDef(constraintName, ConstraintDef.Kind.UNIQUE, List.of(column), null, List.of(), null, false, null, "");
        }
        if (c.acceptSeq("PRIMARY", "KEY")) {
            indexParameters(c);
            return new ConstraintDef(constraintName, ConstraintDef.Kind.PRIMARY_KEY, List.of(column), null, List.of(), null, false, null, "");
        }
        c.expect("REFERENCES");
        TableRef target = c.qualifiedName();
        List<String> refColumns = c.isPunct('(') ? nameList(c) : List.of();
        String actions = referenceActions(c);
        return new ConstraintDef(constraintName, ConstraintDef.Kind.FOREIGN_KEY, List.of(column), target, refColumns, null, false,
                null, actions);
    }

    /** A table constraint (CREATE TABLE element or ALTER TABLE ADD), including NOT VALID and timing clauses. */
    static ConstraintDef tableConstraint(Cursor c) {
        String name = null;
        if (c.accept("CONSTRAINT")) name = c.name();
        ConstraintDef.Kind kind;
        List<String> columns = List.of();
        TableRef refTable = null;
        List<String> refColumns = List.of();
        String expression = null;
        String usingIndex = null;
        String actions = "";
        if (c.accept("CHECK")) {
            kind = ConstraintDef.Kind.CHECK;
            int start = c.i;
            c.skipParens();
            expression = c.text(start, c.i);
        } else if (c.accept("UNIQUE") || c.acceptSeq("PRIMARY", "KEY")) {
            kind = c.get(c.i - 1).is("KEY") ? ConstraintDef.Kind.PRIMARY_KEY : ConstraintDef.Kind.UNIQUE;
            nullsDistinct(c);
            if (c.acceptSeq("USING", "INDEX")) {
                usingIndex = c.name();
            } else {
                columns = nameList(c);
                indexParameters(c);
            }
        } else if (c.accept("EXCLUDE")) {
            kind = ConstraintDef.Kind.EXCLUDE;
            int start = c.i;
            if (c.accept("USING")) c.name();
            c.skipParens();
            indexParameters(c);
            if (c.accept("WHERE")) c.skipParens();
            expression = c.text(start, c.i);
        } else if (c.acceptSeq("FOREIGN", "KEY")) {
            kind = ConstraintDef.Kind.FOREIGN_KEY;
            columns = nameList(c);
            c.expect("REFERENCES");
            refTable = c.qualifiedName();
            if (c.isPunct('(')) refColumns = nameList(c);
            actions = referenceActions(c);
        } else if (c.acceptSeq("NOT", "NULL")) {
            kind = ConstraintDef.Kind.NOT_NULL;
            columns = List.of(c.name());
        } else {
            throw new NotRecognized("unknown table constraint at " + Cursor.describe(c.peek()));
        }
        boolean notValid = false;
        while (!c.atEnd() && !c.isPunct(',') && !c.isPunct(')')) {
            int start = c.i;
            if (c.acceptSeq("NOT", "VALID")) notValid = true;
            else if (c.accept("DEFERRABLE") || c.acceptSeq("NOT", "DEFERRABLE")) actions = joined(actions, c.text(start, c.i));
            else if (c.accept("INITIALLY")) {
                c.next();
                actions = joined(actions, c.text(start, c.i));
            } else if (c.acceptSeq("NO", "INHERIT") || c.accept("ENFORCED") || c.acceptSeq("NOT", "ENFORCED")) continue;
            else throw new NotRecognized("unknown constraint option " + Cursor.describe(c.peek()));
        }
        return new ConstraintDef(name, kind, columns, refTable, refColumns, expression, notValid, usingIndex, actions);
    }

    private static void nullsDistinct(Cursor c) {
        if (c.acceptSeq("NULLS", "NOT", "DISTINCT")) return;
        c.acceptSeq("NULLS", "DISTINCT");
    }

    /** INCLUDE (…), WITH (…), USING INDEX TABLESPACE t. */
    private static void indexParameters(Cursor c) {
        while (true) {
            if (c.accept("INCLUDE") || c.accept("WITH")) c.skipParens();
            else if (c.acceptSeq("USING", "INDEX", "TABLESPACE")) c.name();
            else return;
        }
    }

    private static String joined(String a, String b) {
        return a.isEmpty() ? b : a + " " + b;
    }

    private static ConstraintDef withActions(ConstraintDef c, String actions) {
        return new ConstraintDef(c.name(), c.kind(), c.columns(), c.referencedTable(), c.referencedColumns(), c.expression(),
                c.notValid(), c.usingIndex(), actions);
    }

    /** MATCH FULL|PARTIAL|SIMPLE, ON DELETE|UPDATE action [(cols)]: their text as written, "" when none. */
    private static String referenceActions(Cursor c) {
        int start = c.i;
        while (true) {
            if (c.accept("MATCH")) {
                c.next();
            } else if (c.accept("ON")) {
                if (!c.accept("DELETE") && !c.accept("UPDATE")) throw new NotRecognized("expected DELETE or UPDATE after ON");
                if (c.acceptSeq("NO", "ACTION") || c.accept("RESTRICT") || c.accept("CASCADE")) continue;
                if (c.acceptSeq("SET", "NULL") || c.acceptSeq("SET", "DEFAULT")) {
                    if (c.isPunct('(')) c.skipParens();
                    continue;
                }
                throw new NotRecognized("unknown referential action " + Cursor.describe(c.peek()));
            } else {
                return c.i == start ? "" : c.text(start, c.i);
            }
        }
    }

    /** {@code (a, b, c)}: plain column names (expressions are kept as their text). */
    static List<String> nameList(Cursor c) {
        c.expectPunct('(');
        List<String> names = new ArrayList<>();
        while (!c.isPunct(')')) {
            int start = c.i;
            if (c.isName() && c.peek(1) != null && (c.peek(1).isPunct(',') || c.peek(1).isPunct(')'))) {
                names.add(c.name());
            } else {
                c.skipToCommaOrEnd();
                if (c.i == start) throw new NotRecognized("empty list element at " + Cursor.describe(c.peek()));
                names.add(c.text(start, c.i));
            }
            if (!c.acceptPunct(',')) break;
        }
        c.expectPunct(')');
        return List.copyOf(names);
    }

    /**
     * Skips an expression up to the next depth-0 ',' or ')' or, when {@code stopAtConstraint}, the next column
     * constraint keyword. The first token is always part of the expression ({@code DEFAULT NULL}).
     */
    static void skipExpression(Cursor c, boolean stopAtConstraint) {
        int start = c.i;
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (t.isPunct('(') || t.isPunct('[')) depth++;
            else if (t.isPunct(')') || t.isPunct(']')) {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && t.isPunct(',')) break;
            else if (depth == 0 && stopAtConstraint && c.i > start && atColumnConstraint(c)) break;
            c.i++;
        }
        if (c.i == start) throw new NotRecognized("missing expression at " + Cursor.describe(c.peek()));
    }

    /** At a column-constraint keyword that is not part of an expression ({@code IS NOT NULL}, {@code NOT LIKE}). */
    private static boolean atColumnConstraint(Cursor c) {
        Token t = c.peek();
        if (t.kind() != Token.Kind.WORD || !COLUMN_CONSTRAINT_STARTS.contains(c.upperWord())) return false;
        Token prev = c.get(c.i - 1);
        if (c.is("NOT")) return !prev.is("IS") && (c.isAt(1, "NULL") || c.isAt(1, "DEFERRABLE"));
        if (c.is("NULL")) return !prev.is("IS") && !prev.is("NOT");
        return true;
    }

    /** Words a type name may hold after its first one; anything else (SQLite's AUTOINCREMENT…) is not a type. */
    private static final Set<String> TYPE_WORDS = Set.of("PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE",
            "ARRAY", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO", "CHARACTER", "CHAR", "VARCHAR");

    static void checkTypeWords(List<Token> type) {
        int depth = 0;
        for (int k = 1; k < type.size(); k++) {
            Token t = type.get(k);
            if (t.isPunct('(') || t.isPunct('[')) depth++;
            else if (t.isPunct(')') || t.isPunct(']')) depth--;
            else if (depth == 0 && t.kind() == Token.Kind.WORD && !type.get(k - 1).isPunct('.')
                    && !TYPE_WORDS.contains(t.text().toUpperCase(java.util.Locale.ROOT))) {
                throw new NotRecognized("'" + t.text() + "' at line " + t.line() + ", column " + t.column()
                        + " is not part of a PostgreSQL type");
            }
        }
    }
}
