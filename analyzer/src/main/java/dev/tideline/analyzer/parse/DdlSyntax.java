package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.IndexElement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.source.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CREATE / ALTER / DROP statements. */
final class DdlSyntax {
    private DdlSyntax() {}

    /** Object types in the order they must be tried (longest first). */
    private static final String[][] OBJECT_TYPES = {
            {"MATERIALIZED", "VIEW"}, {"FOREIGN", "DATA", "WRAPPER"}, {"FOREIGN", "TABLE"}, {"EVENT", "TRIGGER"},
            {"CONSTRAINT", "TRIGGER"}, {"TEXT", "SEARCH", "CONFIGURATION"}, {"TEXT", "SEARCH", "DICTIONARY"},
            {"TEXT", "SEARCH", "PARSER"}, {"TEXT", "SEARCH", "TEMPLATE"}, {"ACCESS", "METHOD"}, {"USER", "MAPPING"},
            {"OPERATOR", "CLASS"}, {"OPERATOR", "FAMILY"}, {"DEFAULT", "PRIVILEGES"}, {"LARGE", "OBJECT"},
            {"OWNED", "BY"}, {"ROUTINE"}, {"VIEW"}, {"FUNCTION"}, {"PROCEDURE"}, {"AGGREGATE"}, {"SEQUENCE"},
            {"SCHEMA"}, {"ROLE"}, {"USER"}, {"GROUP"}, {"POLICY"}, {"RULE"}, {"OPERATOR"}, {"CAST"}, {"COLLATION"},
            {"CONVERSION"}, {"PUBLICATION"}, {"SUBSCRIPTION"}, {"SERVER"}, {"STATISTICS"}, {"TRANSFORM"},
            {"LANGUAGE"}, {"DATABASE"}, {"TABLESPACE"}, {"TYPE"}, {"DOMAIN"}, {"EXTENSION"}, {"INDEX"}, {"TRIGGER"},
            {"TABLE"}, {"COLUMN"}, {"CONSTRAINT"}, {"SYSTEM"}};

    static List<Operation> create(Cursor c) {
        c.expect("CREATE");
        boolean orReplace = c.acceptSeq("OR", "REPLACE");
        boolean temporary = false;
        boolean unlogged = false;
        while (true) {
            if (c.accept("GLOBAL") || c.accept("LOCAL")) continue;
            if (c.accept("TEMP") || c.accept("TEMPORARY")) temporary = true;
            else if (c.accept("UNLOGGED")) unlogged = true;
            else break;
        }
        if (c.accept("TABLE")) return List.of(createTable(c, temporary, unlogged));
        if (c.is("UNIQUE") || c.is("INDEX")) return List.of(createIndex(c));
        if (c.isSeq("TYPE") && enumAhead(c)) return List.of(createEnum(c));
        if (c.accept("EXTENSION")) {
            boolean ifNotExists = c.acceptSeq("IF", "NOT", "EXISTS");
            String name = c.name();
            return List.of(new Operation.CreateExtension(name, ifNotExists));
        }
        if (c.accept("DOMAIN")) {
            c.acceptSeq("IF", "NOT", "EXISTS");
            TableRef domain = c.qualifiedName();
            c.accept("AS");
            int start = c.i;
            while (!c.atEnd() && !c.is("CHECK") && !c.is("CONSTRAINT") && !c.is("DEFAULT") && !c.is("NOT")
                    && !c.is("NULL") && !c.is("COLLATE")) {
                if (c.isPunct('(')) c.skipParens();
                else c.i++;
            }
            String base = SqlTypes.canonical(c.slice(start, c.i));
            return List.of(new Operation.CreateDomain(domain, base, c.hasTopLevel("CHECK")));
        }
        if (c.is("TRIGGER") || c.isSeq("CONSTRAINT", "TRIGGER")) {
            c.accept("CONSTRAINT");
            c.expect("TRIGGER");
            String name = c.name();
            TableRef table = tableAfterOn(c);
            return List.of(new Operation.CreateTrigger(name, table, orReplace));
        }
        if (c.accept("RECURSIVE") && !c.is("VIEW")) throw new NotRecognized("RECURSIVE without VIEW");
        c.accept("TRUSTED");
        c.accept("PROCEDURAL");
        return List.of(generic(orReplace ? "CREATE OR REPLACE" : "CREATE", c));
    }

    private static boolean enumAhead(Cursor c) {
        int save = c.i;
        try {
            c.expect("TYPE");
            c.qualifiedName();
            return c.isSeq("AS", "ENUM");
        } catch (NotRecognized e) {
            return false;
        } finally {
            c.i = save;
        }
    }

    private static Operation createEnum(Cursor c) {
        c.expect("TYPE");
        TableRef type = c.qualifiedName();
        c.expect("AS");
        c.expect("ENUM");
        c.expectPunct('(');
        List<String> values = new ArrayList<>();
        while (!c.isPunct(')')) {
            Token t = c.next();
            if (t.kind() != Token.Kind.STRING) throw new NotRecognized("enum value is not a string: " + Cursor.describe(t));
            values.add(stringValue(t));
            if (!c.acceptPunct(',')) break;
        }
        c.expectPunct(')');
        c.expectEnd();
        return new Operation.CreateEnum(type, List.copyOf(values));
    }

    /** The value of a string literal token ({@code 'it''s'} → {@code it's}; E-strings keep their escapes). */
    static String stringValue(Token t) {
        String s = t.text();
        int open = s.indexOf('\'');
        if (open < 0) return s;
        return s.substring(open + 1, s.length() - 1).replace("''", "'");
    }

    private static Operation createTable(Cursor c, boolean temporary, boolean unlogged) {
        boolean ifNotExists = c.acceptSeq("IF", "NOT", "EXISTS");
        TableRef table = c.qualifiedName();
        List<ColumnDef> columns = new ArrayList<>();
        List<ConstraintDef> constraints = new ArrayList<>();
        TableRef partitionOf = null;
        boolean defaultPartition = false;
        boolean asSelect = false;
        if (c.acceptSeq("PARTITION", "OF")) {
            partitionOf = c.qualifiedName();
            if (c.isPunct('(')) elements(c, table, columns, constraints, true);
            if (c.acceptSeq("FOR", "VALUES")) {
                c.next();
                while (c.isPunct('(') || c.is("TO") || c.is("WITH") || c.is("IN") || c.is("FROM")) {
                    if (c.isPunct('(')) c.skipParens();
                    else c.i++;
                }
            } else {
                c.expect("DEFAULT");
                defaultPartition = true;
            }
        } else if (c.accept("OF")) {
            c.qualifiedName();
            if (c.isPunct('(')) c.skipParens();
        } else if (c.isPunct('(')) {
            int close = c.closing(c.i);
            Token after = close + 1 < c.size() ? c.get(close + 1) : null;
            if (after != null && after.is("AS")) {
                c.skipParens();
            } else {
                elements(c, table, columns, constraints, false);
            }
        }
        boolean partitioned = false;
        while (!c.atEnd()) {
            if (c.accept("INHERITS")) {
                c.skipParens();
            } else if (c.acceptSeq("PARTITION", "BY")) {
                partitioned = true;
                c.next();
                c.skipParens();
            } else if (c.accept("USING")) {
                c.name();
            } else if (c.accept("WITH")) {
                if (c.isPunct('(')) c.skipParens();
                else throw new NotRecognized("unexpected WITH at " + Cursor.describe(c.peek()));
            } else if (c.acceptSeq("WITHOUT", "OIDS")) {
                continue;
            } else if (c.acceptSeq("ON", "COMMIT")) {
                c.next();
                c.accept("ROWS");
            } else if (c.accept("TABLESPACE")) {
                c.name();
            } else if (c.accept("AS")) {
                asSelect = true;
                c.i = c.size();
            } else {
                throw new NotRecognized("unexpected " + Cursor.describe(c.peek()) + " in CREATE TABLE");
            }
        }
        return new Operation.CreateTable(table, List.copyOf(columns), List.copyOf(constraints), ifNotExists,
                temporary, unlogged, partitioned, partitionOf, asSelect, defaultPartition);
    }

    private static void elements(Cursor c, TableRef table, List<ColumnDef> columns, List<ConstraintDef> constraints,
                                 boolean partition) {
        c.expectPunct('(');
        while (!c.isPunct(')')) {
            if (TableSyntax.atTableConstraint(c)) {
                constraints.add(TableSyntax.tableConstraint(c));
            } else if (c.accept("LIKE")) {
                c.qualifiedName();
                while (c.accept("INCLUDING") || c.accept("EXCLUDING")) c.next();
            } else if (partition) {
                // partition column options: name WITH OPTIONS constraints
                c.name();
                c.acceptSeq("WITH", "OPTIONS");
                c.skipToCommaOrEnd();
            } else {
                columns.add(TableSyntax.column(c, table, constraints));
            }
            if (!c.acceptPunct(',')) break;
        }
        c.expectPunct(')');
    }

    private static Operation createIndex(Cursor c) {
        boolean unique = c.accept("UNIQUE");
        c.expect("INDEX");
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.acceptSeq("IF", "NOT", "EXISTS");
        String name = null;
        if (!c.is("ON")) name = c.name();
        c.expect("ON");
        boolean only = c.accept("ONLY");
        TableRef table = c.qualifiedName();
        String method = null;
        if (c.accept("USING")) method = c.name();
        c.expectPunct('(');
        List<IndexElement> elements = new ArrayList<>();
        while (!c.isPunct(')')) {
            int start = c.i;
            boolean simple = c.isName() && c.peek(1) != null && !c.peek(1).isPunct('(') && !c.peek(1).isPunct('.')
                    && !(c.peek(1).kind() == Token.Kind.OPERATOR);
            int end = c.skipToCommaOrEnd();
            if (end == start) throw new NotRecognized("empty index element at " + Cursor.describe(c.peek()));
            // COLLATE, operator class, DESC and NULLS LAST are part of the index: kept as written.
            elements.add(simple ? new IndexElement(Cursor.normalise(c.get(start)), null, c.text(start + 1, end))
                    : new IndexElement(null, c.text(start, end), ""));
            if (!c.acceptPunct(',')) break;
        }
        c.expectPunct(')');
        String where = null;
        List<String> options = new ArrayList<>();
        while (!c.atEnd()) {
            int start = c.i;
            if (c.accept("INCLUDE") || c.accept("WITH")) {
                c.skipParens();
            } else if (c.acceptSeq("NULLS", "NOT", "DISTINCT") || c.acceptSeq("NULLS", "DISTINCT")) {
                // kept below
            } else if (c.accept("TABLESPACE")) {
                c.name();
            } else if (c.accept("WHERE")) {
                if (c.atEnd()) throw new NotRecognized("missing expression after WHERE");
                where = c.text(c.i, c.size());
                c.i = c.size();
                continue;
            } else {
                throw new NotRecognized("unexpected " + Cursor.describe(c.peek()) + " in CREATE INDEX");
            }
            options.add(c.text(start, c.i));
        }
        return new Operation.CreateIndex(name, table, elements, unique, concurrently, ifNotExists,
                method, where, only, String.join(" ", options));
    }

    static List<Operation> alter(Cursor c) {
        c.expect("ALTER");
        if (c.is("TABLE") && !c.isSeq("TABLE", "ALL")) {
            c.i++;
            return AlterTableSyntax.parse(c);
        }
        if (c.is("INDEX") && !c.isSeq("INDEX", "ALL")) {
            int save = c.i;
            c.i++;
            c.acceptSeq("IF", "EXISTS");
            TableRef index = c.qualifiedName();
            if (c.acceptSeq("RENAME", "TO")) {
                String to = c.name();
                c.expectEnd();
                return List.of(new Operation.RenameIndex(index, to));
            }
            c.i = save;
        }
        if (c.is("TYPE")) {
            int save = c.i;
            c.i++;
            TableRef type = c.qualifiedName();
            if (c.acceptSeq("ADD", "VALUE")) {
                boolean ifNotExists = c.acceptSeq("IF", "NOT", "EXISTS");
                Token value = c.next();
                if (value.kind() != Token.Kind.STRING) throw new NotRecognized("enum value is not a string");
                if (c.accept("BEFORE") || c.accept("AFTER")) c.next();
                c.expectEnd();
                return List.of(new Operation.AlterEnumAddValue(type, stringValue(value), ifNotExists));
            }
            c.i = save;
        }
        if (c.is("DOMAIN")) {
            int save = c.i;
            c.i++;
            TableRef domain = c.qualifiedName();
            if (c.accept("ADD")) {
                String name = c.accept("CONSTRAINT") ? c.name() : null;
                c.expect("CHECK");
                c.skipParens();
                boolean notValid = c.acceptSeq("NOT", "VALID");
                c.expectEnd();
                return List.of(new Operation.AlterDomainAddConstraint(domain, name, notValid));
            }
            c.i = save;
        }
        Operation moved = moveOrRename(c);
        if (moved != null) return List.of(moved);
        return List.of(generic("ALTER", c));
    }

    /**
     * {@code ALTER <object type> [IF EXISTS] name [(arguments)] SET SCHEMA s}, and {@code ALTER [MATERIALIZED] VIEW
     * v RENAME TO n} (a relation the running release queries by name, like a table); else null (the cursor unmoved).
     */
    private static Operation moveOrRename(Cursor c) {
        int save = c.i;
        try {
            String type = objectType(c);
            if (type != null) {
                c.acceptSeq("IF", "EXISTS");
                TableRef object = c.qualifiedName();
                if (c.isPunct('(')) c.skipParens();
                if (c.acceptSeq("SET", "SCHEMA")) {
                    String schema = c.name();
                    c.expectEnd();
                    return new Operation.SetSchema(type, object, schema);
                }
                if (type.endsWith("VIEW") && c.acceptSeq("RENAME", "TO")) {
                    String name = c.name();
                    c.expectEnd();
                    return new Operation.RenameTable(object, name);
                }
            }
        } catch (NotRecognized e) {
            // not this form: the generic reading decides
        }
        c.i = save;
        return null;
    }

    static List<Operation> drop(Cursor c) {
        c.expect("DROP");
        if (c.accept("TABLE")) {
            boolean ifExists = c.acceptSeq("IF", "EXISTS");
            List<TableRef> tables = refList(c);
            boolean cascade = behaviour(c);
            c.expectEnd();
            return List.of(new Operation.DropTable(tables, ifExists, cascade));
        }
        if (c.accept("INDEX")) {
            boolean concurrently = c.accept("CONCURRENTLY");
            boolean ifExists = c.acceptSeq("IF", "EXISTS");
            List<TableRef> indexes = refList(c);
            boolean cascade = behaviour(c);
            c.expectEnd();
            return List.of(new Operation.DropIndex(indexes, concurrently, ifExists, cascade));
        }
        if (c.accept("TRIGGER")) {
            boolean ifExists = c.acceptSeq("IF", "EXISTS");
            String name = c.name();
            c.expect("ON");
            TableRef table = c.qualifiedName();
            behaviour(c);
            c.expectEnd();
            return List.of(new Operation.DropTrigger(name, table, ifExists));
        }
        if (c.accept("SCHEMA")) {
            boolean ifExists = c.acceptSeq("IF", "EXISTS");
            List<String> schemas = new ArrayList<>();
            do {
                schemas.add(c.name());
            } while (c.acceptPunct(','));
            boolean cascade = behaviour(c);
            c.expectEnd();
            return List.of(new Operation.DropSchema(List.copyOf(schemas), ifExists, cascade));
        }
        if (c.accept("DATABASE")) {
            boolean ifExists = c.acceptSeq("IF", "EXISTS");
            String name = c.name();
            return List.of(new Operation.DropDatabase(name, ifExists));
        }
        if (c.acceptSeq("OWNED", "BY")) {
            List<String> roles = new ArrayList<>();
            do {
                roles.add(c.name());
            } while (c.acceptPunct(','));
            boolean cascade = behaviour(c);
            c.expectEnd();
            return List.of(new Operation.DropOwned(List.copyOf(roles), cascade));
        }
        return List.of(generic("DROP", c));
    }

    private static List<TableRef> refList(Cursor c) {
        List<TableRef> refs = new ArrayList<>();
        do {
            refs.add(c.qualifiedName());
        } while (c.acceptPunct(','));
        return List.copyOf(refs);
    }

    private static boolean behaviour(Cursor c) {
        if (c.accept("CASCADE")) return true;
        c.accept("RESTRICT");
        return false;
    }

    /** {@code ON table} following a trigger/policy/rule name; {@code CREATE RULE … AS ON event TO table}. */
    private static TableRef tableAfterOn(Cursor c) {
        int depth = 0;
        for (int k = c.i; k < c.size(); k++) {
            Token t = c.get(k);
            if (t.isPunct('(')) depth++;
            else if (t.isPunct(')')) depth--;
            else if (depth == 0 && t.is("ON")) {
                c.i = k + 1;
                if ((c.is("SELECT") || c.is("INSERT") || c.is("UPDATE") || c.is("DELETE")) && c.peek(1) != null
                        && c.peek(1).is("TO")) {
                    c.i += 2;
                }
                return c.qualifiedName();
            }
        }
        throw new NotRecognized("no ON table");
    }

    /**
     * CREATE/ALTER/DROP of objects without a rule of their own: views, functions (bodies are not migration
     * statements), sequences, schemas, roles, policies… The object type must be known; the rest is not checked.
     */
    static Operation generic(String verb, Cursor c) {
        String type = objectType(c);
        if (type == null) throw new NotRecognized("unknown object type " + Cursor.describe(c.peek()) + " after " + verb);
        c.acceptSeq("IF", "NOT", "EXISTS");
        c.acceptSeq("IF", "EXISTS");
        c.accept("CONCURRENTLY");
        String name = null;
        TableRef table = null;
        if (c.isName() && !c.is("ON")) {
            TableRef ref = c.qualifiedName();
            name = ref.toString();
            if (type.equals("VIEW") || type.equals("MATERIALIZED VIEW") || type.equals("FOREIGN TABLE")
                    || type.equals("TABLE") || type.equals("SEQUENCE")) table = ref;
        }
        if (type.equals("STATISTICS") && verb.equals("CREATE")) {
            while (!c.atEnd() && !c.is("FROM")) c.i++;
            if (c.accept("FROM") && c.isName()) table = c.qualifiedName();
        }
        if (type.equals("POLICY") || type.equals("RULE") || type.equals("TRIGGER")) {
            try {
                table = tableAfterOn(c);
            } catch (NotRecognized e) {
                // ALTER POLICY … RENAME without ON is not valid PostgreSQL, but needs no table either
            }
        }
        // DROP … CASCADE ends the statement (after every name and argument list)
        boolean cascade = verb.equals("DROP") && c.get(c.size() - 1).is("CASCADE");
        return new Operation.ObjectChange(verb, type, name, table, cascade);
    }

    static String objectType(Cursor c) {
        for (String[] words : OBJECT_TYPES) {
            if (c.isSeq(words)) {
                c.i += words.length;
                return String.join(" ", words).toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }
}
