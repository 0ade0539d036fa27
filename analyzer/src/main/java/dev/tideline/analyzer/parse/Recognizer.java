package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Operation.DmlKind;
import dev.tideline.analyzer.model.Operation.TransactionKind;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.source.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The PostgreSQL-aware recognizer: dispatches on the first keyword; null when the statement kind is unknown. */
final class Recognizer {
    private Recognizer() {}

    private static final Set<String> SIMPLE_UTILITIES = Set.of("NOTIFY", "LISTEN", "UNLISTEN", "DISCARD",
            "DEALLOCATE", "EXECUTE", "CHECKPOINT", "LOAD", "SHOW", "EXPLAIN", "IMPORT", "SECURITY",
            "FETCH", "MOVE", "CLOSE", "DECLARE");

    static List<Operation> recognize(Cursor c, StatementParser parser) {
        String verb = c.upperWord();
        switch (verb) {
            case "CREATE": return DdlSyntax.create(c);
            case "ALTER": return DdlSyntax.alter(c);
            case "DROP": return DdlSyntax.drop(c);
            case "TRUNCATE": return List.of(truncate(c));
            case "LOCK": return List.of(lock(c));
            case "BEGIN": case "START": case "COMMIT": case "END": case "ROLLBACK": case "ABORT": case "SAVEPOINT":
            case "RELEASE":
                return List.of(transaction(c));
            case "PREPARE":
                if (c.isAt(1, "TRANSACTION")) return List.of(new Operation.Transaction(TransactionKind.PREPARE));
                return List.of(new Operation.ObjectChange("PREPARE", "STATEMENT", null, null));
            case "SET": return List.of(set(c));
            case "RESET": {
                c.i++;
                String name = settingName(c);
                c.expectEnd();
                return List.of(new Operation.SetSetting(name, null, false));
            }
            case "SELECT": case "WITH": case "INSERT": case "UPDATE": case "DELETE": case "MERGE": case "VALUES":
            case "TABLE":
                return List.of(dml(c));
            case "COPY": return List.of(copy(c));
            case "VACUUM": return List.of(vacuum(c));
            case "ANALYZE": case "ANALYSE": return List.of(analyze(c));
            case "CLUSTER": return List.of(cluster(c));
            case "REINDEX": return List.of(reindex(c));
            case "REFRESH": return List.of(refresh(c));
            case "DO": return List.of(DoBlocks.parse(c, parser));
            case "COMMENT": return List.of(comment(c));
            case "GRANT": case "REVOKE": return List.of(grant(c, verb));
            case "REASSIGN": return List.of(reassignOwned(c));
            case "CALL": {
                c.i++;
                return List.of(new Operation.ObjectChange("CALL", "PROCEDURE", c.qualifiedName().toString(), null));
            }
            default:
                if (c.isPunct('(')) return List.of(dml(c));
                if (SIMPLE_UTILITIES.contains(verb)) return List.of(new Operation.ObjectChange(verb, "UTILITY", null, null));
                return null;
        }
    }

    /** {@code REASSIGN OWNED BY a, b TO c}: the name is the old owners, comma-separated. */
    private static Operation reassignOwned(Cursor c) {
        c.expect("REASSIGN");
        c.expect("OWNED");
        c.expect("BY");
        List<String> roles = new ArrayList<>();
        do {
            roles.add(c.name());
        } while (c.acceptPunct(','));
        c.expect("TO");
        c.name();
        c.expectEnd();
        return new Operation.ObjectChange("REASSIGN", "OWNED BY", String.join(",", roles), null);
    }

    private static Operation truncate(Cursor c) {
        c.expect("TRUNCATE");
        c.accept("TABLE");
        List<TableRef> tables = new ArrayList<>();
        do {
            c.accept("ONLY");
            tables.add(c.qualifiedName());
            star(c);
        } while (c.acceptPunct(','));
        if (!c.acceptSeq("RESTART", "IDENTITY")) c.acceptSeq("CONTINUE", "IDENTITY");
        boolean cascade = c.accept("CASCADE");
        if (!cascade) c.accept("RESTRICT");
        c.expectEnd();
        return new Operation.Truncate(List.copyOf(tables), cascade);
    }

    private static void star(Cursor c) {
        Token t = c.peek();
        if (t != null && t.text().equals("*")) c.i++;
    }

    private static Operation lock(Cursor c) {
        c.expect("LOCK");
        c.accept("TABLE");
        List<TableRef> tables = new ArrayList<>();
        List<TableRef> only = new ArrayList<>();
        do {
            boolean justThis = c.accept("ONLY");
            tables.add(c.qualifiedName());
            if (justThis) only.add(tables.get(tables.size() - 1));
            star(c);
        } while (c.acceptPunct(','));
        LockMode mode = LockMode.ACCESS_EXCLUSIVE;
        if (c.accept("IN")) {
            StringBuilder words = new StringBuilder();
            while (!c.atEnd() && !c.is("MODE")) words.append(c.next().text()).append(' ');
            c.expect("MODE");
            try {
                mode = LockMode.fromSql(words.toString());
            } catch (IllegalArgumentException e) {
                throw new NotRecognized("unknown lock mode " + words.toString().strip());
            }
        }
        boolean nowait = c.accept("NOWAIT");
        c.expectEnd();
        return new Operation.LockTable(List.copyOf(tables), mode, nowait, List.copyOf(only));
    }

    private static Operation transaction(Cursor c) {
        String verb = c.next().text().toUpperCase(Locale.ROOT);
        TransactionKind kind;
        switch (verb) {
            case "BEGIN" -> kind = TransactionKind.BEGIN;
            case "START" -> {
                c.expect("TRANSACTION");
                kind = TransactionKind.BEGIN;
            }
            case "COMMIT", "END" -> kind = TransactionKind.COMMIT;
            case "SAVEPOINT" -> {
                c.name();
                kind = TransactionKind.SAVEPOINT;
            }
            case "RELEASE" -> {
                c.accept("SAVEPOINT");
                c.name();
                kind = TransactionKind.RELEASE;
            }
            default -> {
                c.accept("WORK");
                c.accept("TRANSACTION");
                if (c.accept("TO")) {
                    c.accept("SAVEPOINT");
                    c.name();
                    kind = TransactionKind.ROLLBACK_TO;
                } else {
                    kind = TransactionKind.ROLLBACK;
                }
            }
        }
        // remaining words are transaction modes (ISOLATION LEVEL …, AND CHAIN, PREPARED 'x'): no effect on the model
        return new Operation.Transaction(kind);
    }

    private static Operation set(Cursor c) {
        c.expect("SET");
        boolean local = c.accept("LOCAL");
        if (!local) c.accept("SESSION");
        if (c.acceptSeq("TIME", "ZONE")) return new Operation.SetSetting("timezone", value(c), local);
        if (c.accept("SCHEMA")) return new Operation.SetSetting("search_path", value(c), local);
        if (c.accept("ROLE")) return new Operation.SetSetting("role", value(c), local);
        if (c.accept("AUTHORIZATION")) return new Operation.SetSetting("session_authorization", value(c), local);
        if (c.is("TRANSACTION") || c.is("CHARACTERISTICS")) {
            return new Operation.SetSetting("transaction", c.text(c.i + 1, c.size()), true);
        }
        if (c.accept("CONSTRAINTS")) return new Operation.ObjectChange("SET", "CONSTRAINTS", null, null);
        String name = settingName(c);
        if (!c.accept("TO")) {
            Token eq = c.next();
            if (!eq.text().equals("=")) throw new NotRecognized("expected TO or = after SET " + name);
        }
        return new Operation.SetSetting(name, value(c), local);
    }

    private static String settingName(Cursor c) {
        StringBuilder name = new StringBuilder(c.name());
        while (c.acceptPunct('.')) name.append('.').append(c.name());
        return name.toString();
    }

    /** A setting value: a single string literal unquoted, else the text as written. */
    private static String value(Cursor c) {
        if (c.atEnd()) throw new NotRecognized("SET without a value");
        if (c.size() - c.i == 1 && c.peek().kind() == Token.Kind.STRING) return DdlSyntax.stringValue(c.next());
        String text = c.text(c.i, c.size());
        c.i = c.size();
        return text;
    }

    /**
     * The columns an UPDATE's SET list assigns ({@code a = …}, {@code (a, b) = …}, {@code a.field = …},
     * {@code a[1] = …} all assign {@code a}), read after the target table; null when the list is not understood.
     */
    private static List<String> assignedColumns(Cursor c) {
        if (c.peek() != null && c.peek().kind() == Token.Kind.OPERATOR && c.peek().text().equals("*")) c.i++; // t * : t and its children
        if (!c.is("SET")) {
            c.accept("AS");
            if (c.isName() && !c.is("SET")) c.name();
        }
        if (!c.accept("SET")) return null;
        List<String> columns = new ArrayList<>();
        while (!c.atEnd()) {
            if (c.acceptPunct('(')) {
                do {
                    if (!c.isName()) return null;
                    columns.add(c.name());
                    c.skipToCommaOrEnd();
                } while (c.acceptPunct(','));
                if (!c.acceptPunct(')')) return null;
            } else if (c.isName()) {
                columns.add(c.name());
            } else {
                return null;
            }
            // the assigned value runs to the next top-level comma, or to FROM, WHERE or RETURNING
            int depth = 0;
            while (!c.atEnd()) {
                Token t = c.peek();
                if (t.isPunct('(') || t.isPunct('[')) depth++;
                else if (t.isPunct(')') || t.isPunct(']')) depth--;
                else if (depth == 0 && (t.isPunct(',') || t.is("FROM") || t.is("WHERE") || t.is("RETURNING"))) break;
                c.i++;
            }
            if (!c.acceptPunct(',')) break;
        }
        return columns.isEmpty() ? null : List.copyOf(columns);
    }

    private static Operation dml(Cursor c) {
        if (c.accept("WITH")) skipCommonTableExpressions(c);
        String verb = c.upperWord();
        switch (verb) {
            case "INSERT" -> {
                c.i++;
                c.expect("INTO");
                return new Operation.Dml(DmlKind.INSERT, c.qualifiedName(), false);
            }
            case "UPDATE" -> {
                c.i++;
                c.accept("ONLY");
                TableRef t = c.qualifiedName();
                return new Operation.Dml(DmlKind.UPDATE, t, c.hasTopLevel("WHERE"), assignedColumns(c));
            }
            case "DELETE" -> {
                c.i++;
                c.expect("FROM");
                c.accept("ONLY");
                TableRef t = c.qualifiedName();
                return new Operation.Dml(DmlKind.DELETE, t, c.hasTopLevel("WHERE"));
            }
            case "MERGE" -> {
                c.i++;
                c.expect("INTO");
                c.accept("ONLY");
                return new Operation.Dml(DmlKind.MERGE, c.qualifiedName(), false);
            }
            case "SELECT" -> {
                Operation setConfig = setConfig(c);
                if (setConfig != null) return setConfig;
                return new Operation.Dml(DmlKind.SELECT, null, c.hasTopLevel("WHERE"));
            }
            default -> {
                if (verb.equals("VALUES") || verb.equals("TABLE") || c.isPunct('(')) {
                    return new Operation.Dml(DmlKind.SELECT, null, false);
                }
                throw new NotRecognized("unknown statement after WITH: " + Cursor.describe(c.peek()));
            }
        }
    }

    private static void skipCommonTableExpressions(Cursor c) {
        c.accept("RECURSIVE");
        do {
            c.name();
            if (c.isPunct('(')) c.skipParens();
            c.expect("AS");
            c.accept("NOT");
            c.accept("MATERIALIZED");
            c.skipParens();
            if (c.accept("SEARCH") || c.accept("CYCLE")) throw new NotRecognized("SEARCH/CYCLE clause");
        } while (c.acceptPunct(','));
    }

    /** {@code SELECT set_config('name', 'value', is_local)} as the whole statement. */
    private static Operation setConfig(Cursor c) {
        int save = c.i;
        c.i++;
        if (!c.is("set_config") && !(c.is("pg_catalog") && c.isAt(2, "set_config"))) {
            c.i = save;
            return null;
        }
        if (c.is("pg_catalog")) c.i += 2;
        c.i++;
        try {
            c.expectPunct('(');
            Token name = c.next();
            c.expectPunct(',');
            int valueStart = c.i;
            c.skipToCommaOrEnd();
            if (c.i == valueStart) throw new NotRecognized("set_config without a value");
            List<Token> value = c.slice(valueStart, c.i);
            c.expectPunct(',');
            Token local = c.next();
            c.expectPunct(')');
            c.expectEnd();
            if (name.kind() != Token.Kind.STRING) throw new NotRecognized("set_config with a computed name");
            String v = value.size() == 1 && value.get(0).kind() == Token.Kind.STRING
                    ? DdlSyntax.stringValue(value.get(0)) : c.text(valueStart, valueStart + value.size());
            return new Operation.SetSetting(DdlSyntax.stringValue(name), v, local.is("true"));
        } catch (NotRecognized e) {
            c.i = save;
            return null;
        }
    }

    private static Operation copy(Cursor c) {
        c.expect("COPY");
        if (c.isPunct('(')) return new Operation.Dml(DmlKind.COPY, null, false);
        TableRef t = c.qualifiedName();
        if (c.isPunct('(')) c.skipParens();
        boolean from = c.accept("FROM");
        if (!from) c.expect("TO");
        return new Operation.Dml(DmlKind.COPY, t, false);
    }

    private static Operation vacuum(Cursor c) {
        c.expect("VACUUM");
        boolean full = false;
        boolean analyzeOnly = false;
        if (c.isPunct('(')) {
            int close = c.closing(c.i);
            for (int k = c.i; k < close; k++) {
                if (c.get(k).is("FULL") && !(k + 1 < close && c.get(k + 1).is("false"))) full = true;
            }
            c.skipParens();
        }
        while (c.is("FULL") || c.is("FREEZE") || c.is("VERBOSE") || c.is("ANALYZE") || c.is("ANALYSE")) {
            if (c.next().is("FULL")) full = true;
        }
        return new Operation.Vacuum(tableList(c), full, analyzeOnly);
    }

    private static Operation analyze(Cursor c) {
        c.i++;
        if (c.isPunct('(')) c.skipParens();
        c.accept("VERBOSE");
        return new Operation.Vacuum(tableList(c), false, true);
    }

    private static List<TableRef> tableList(Cursor c) {
        List<TableRef> tables = new ArrayList<>();
        while (c.isName()) {
            tables.add(c.qualifiedName());
            if (c.isPunct('(')) c.skipParens();
            if (!c.acceptPunct(',')) break;
        }
        c.expectEnd();
        return List.copyOf(tables);
    }

    private static Operation cluster(Cursor c) {
        c.expect("CLUSTER");
        if (c.isPunct('(')) c.skipParens();
        c.accept("VERBOSE");
        if (c.atEnd()) return new Operation.Cluster(null, null);
        TableRef first = c.qualifiedName();
        if (c.accept("ON")) {
            TableRef table = c.qualifiedName();
            c.expectEnd();
            return new Operation.Cluster(table, first.name());
        }
        String index = c.accept("USING") ? c.name() : null;
        c.expectEnd();
        return new Operation.Cluster(first, index);
    }

    private static Operation reindex(Cursor c) {
        c.expect("REINDEX");
        if (c.isPunct('(')) c.skipParens();
        String target = c.next().text().toUpperCase(Locale.ROOT);
        if (!Set.of("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM").contains(target)) {
            throw new NotRecognized("unknown REINDEX target " + target);
        }
        boolean concurrently = c.accept("CONCURRENTLY");
        TableRef name = c.isName() ? c.qualifiedName() : null;
        c.expectEnd();
        return new Operation.Reindex(target, name, concurrently);
    }

    private static Operation refresh(Cursor c) {
        c.expect("REFRESH");
        c.expect("MATERIALIZED");
        c.expect("VIEW");
        boolean concurrently = c.accept("CONCURRENTLY");
        TableRef view = c.qualifiedName();
        boolean noData = false;
        if (c.accept("WITH")) {
            noData = c.accept("NO");
            c.expect("DATA");
        }
        c.expectEnd();
        return new Operation.RefreshMaterializedView(view, concurrently, noData);
    }

    private static Operation comment(Cursor c) {
        c.expect("COMMENT");
        c.expect("ON");
        String type = DdlSyntax.objectType(c);
        if (type == null) throw new NotRecognized("unknown COMMENT ON target " + Cursor.describe(c.peek()));
        List<String> parts = c.nameParts();
        String name = String.join(".", parts);
        TableRef table = null;
        int n = parts.size();
        if (type.equals("COLUMN")) {
            if (n >= 2) table = new TableRef(n >= 3 ? parts.get(n - 3) : null, parts.get(n - 2));
        } else if (type.equals("TABLE") || type.equals("VIEW") || type.equals("MATERIALIZED VIEW")) {
            table = new TableRef(n >= 2 ? parts.get(n - 2) : null, parts.get(n - 1));
        } else if (c.accept("ON")) {
            table = c.qualifiedName();
        }
        return new Operation.ObjectChange("COMMENT", type, name, table);
    }

    private static Operation grant(Cursor c, String verb) {
        TableRef table = null;
        int depth = 0;
        for (int k = c.i; k < c.size(); k++) {
            Token t = c.get(k);
            if (t.isPunct('(')) depth++;
            else if (t.isPunct(')')) depth--;
            else if (depth == 0 && t.is("ON")) {
                c.i = k + 1;
                if (c.accept("TABLE") || (c.isName() && !isPrivilegeTarget(c))) {
                    if (c.isName()) table = c.qualifiedName();
                }
                break;
            }
        }
        return new Operation.ObjectChange(verb, "PRIVILEGES", table == null ? null : table.toString(), table);
    }

    private static boolean isPrivilegeTarget(Cursor c) {
        return c.is("ALL") || c.is("SCHEMA") || c.is("SEQUENCE") || c.is("FUNCTION") || c.is("PROCEDURE")
                || c.is("ROUTINE") || c.is("DATABASE") || c.is("DOMAIN") || c.is("TYPE") || c.is("LANGUAGE")
                || c.is("FOREIGN") || c.is("LARGE") || c.is("TABLESPACE") || c.is("PARAMETER");
    }
}
