package dev.tideline.mysql.parse;

import static dev.tideline.mysql.parse.Definitions.fail;
import static dev.tideline.mysql.parse.Definitions.requireIdentifier;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.lex.Lexeme;
import dev.tideline.mysql.lex.Lexeme.Kind;
import dev.tideline.mysql.lex.MySqlLexer;
import dev.tideline.mysql.lex.MySqlLexis;
import dev.tideline.mysql.model.AlterClauses;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.ForeignKey;
import dev.tideline.mysql.model.IndexDefinition;
import dev.tideline.mysql.model.IndexKind;
import dev.tideline.mysql.model.KeyPart;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.MySqlOperation.SetVariables.Assignment;
import dev.tideline.mysql.model.MySqlOperation.SetVariables.Scope;
import dev.tideline.mysql.model.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one MySQL/MariaDB statement into typed operations. Hand-written: the effect model needs every ALTER TABLE
 * sub-command with its definitions and MariaDB's clauses, which general SQL parsers lose. Never throws: what it cannot
 * read becomes {@link MySqlOperation.Unrecognized} with the reason, or {@code AlterAction.Unknown} for one sub-command.
 */
public final class MySqlRecognizer {
    private final MySqlLexis lexis;

    public MySqlRecognizer(MySqlLexis lexis) {
        this.lexis = lexis;
    }

    public List<MySqlOperation> recognize(SqlStatement statement) {
        List<Lexeme> lexemes = MySqlLexer.ofFragment(statement.text(), lexis, statement.line(), statement.column()).all();
        Tokens t = new Tokens(lexemes, statement.text());
        try {
            List<MySqlOperation> ops = statement(t, statement);
            return ops.isEmpty() ? List.of(new MySqlOperation.Unrecognized("empty statement")) : ops;
        } catch (NotRecognized e) {
            return List.of(new MySqlOperation.Unrecognized(e.getMessage()));
        } catch (RuntimeException e) {
            return List.of(new MySqlOperation.Unrecognized("not readable: " + e));
        }
    }

    /** Whether the recognizer read the whole statement: no Unrecognized part, no unknown ALTER sub-command. */
    public static boolean complete(List<MySqlOperation> ops) {
        for (MySqlOperation op : ops) {
            if (op instanceof MySqlOperation.Unrecognized) return false;
            if (op instanceof MySqlOperation.AlterTable at
                    && at.actions().stream().anyMatch(a -> a instanceof dev.tideline.mysql.model.AlterAction.Unknown)) return false;
            if (op instanceof MySqlOperation.SetStatement ss && !complete(ss.statement())) return false;
        }
        return !ops.isEmpty();
    }

    private List<MySqlOperation> statement(Tokens t, SqlStatement source) {
        Lexeme head = t.peek();
        if (head == null) return List.of();
        if (head.kind() == Kind.OPERATOR && head.text().startsWith("--")) {
            throw new NotRecognized("'--' without a space after it is not a comment for MySQL: the server reads '"
                    + t.rest().lines().findFirst().orElse("") + "' as SQL");
        }
        if (head.isPunct('(')) return List.of(new MySqlOperation.Query("SELECT"));
        String w = head.upper();
        t.next();
        return switch (w) {
            case "ALTER" -> List.of(alter(t));
            case "CREATE" -> List.of(create(t, source));
            case "DROP" -> List.of(drop(t));
            case "RENAME" -> List.of(rename(t));
            case "TRUNCATE" -> {
                t.accept("TABLE");
                yield List.of(new MySqlOperation.Truncate(table(t)));
            }
            case "OPTIMIZE", "ANALYZE", "CHECK", "REPAIR", "CHECKSUM" -> List.of(maintenance(t, w));
            case "SET" -> List.of(set(t, source));
            case "LOCK" -> List.of(lockTables(t));
            case "UNLOCK" -> {
                if (t.acceptAny("TABLES", "TABLE") == null) throw fail(t, "expected UNLOCK TABLES");
                yield List.of(new MySqlOperation.UnlockTables());
            }
            case "CALL" -> {
                String name = qualifiedName(t);
                String args = t.isPunct('(') ? t.parenthesised() : "";
                yield List.of(new MySqlOperation.Call(name, args));
            }
            case "PREPARE", "EXECUTE" -> List.of(new MySqlOperation.DynamicSql(w, requireIdentifier(t, "a statement name")));
            case "DEALLOCATE" -> {
                t.accept("PREPARE");
                yield List.of(new MySqlOperation.DynamicSql(w, requireIdentifier(t, "a statement name")));
            }
            case "INSERT", "REPLACE", "UPDATE", "DELETE" -> List.of(dml(t, w));
            case "SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "DO", "VALUES", "TABLE", "HELP" ->
                    List.of(new MySqlOperation.Query(w));
            case "START", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA" -> List.of(new MySqlOperation.Transaction(w));
            case "USE" -> List.of(new MySqlOperation.Database("USE", requireIdentifier(t, "a database name")));
            case "GRANT", "REVOKE", "FLUSH", "INSTALL", "UNINSTALL", "PURGE", "RESET", "KILL", "CACHE", "LOAD", "SIGNAL",
                 "RESIGNAL", "HANDLER" -> List.of(new MySqlOperation.OtherDdl(w, ""));
            default -> throw new NotRecognized("unknown statement " + head.text());
        };
    }

    private static TableName table(Tokens t) {
        TableName name = t.tableName();
        if (name == null) throw fail(t, "expected a table name");
        return name;
    }

    private static String qualifiedName(Tokens t) {
        TableName n = table(t);
        return n.toString();
    }

    // ---- ALTER -----------------------------------------------------------------------------------------------------

    private static MySqlOperation alter(Tokens t) {
        if (t.is("TABLE") || t.is("ONLINE") || t.is("IGNORE")) return AlterTableSyntax.alterTable(t);
        if (t.acceptAny("DATABASE", "SCHEMA") != null) {
            String name = t.is("CHARACTER") || t.is("DEFAULT") || t.is("CHARSET") || t.is("COLLATE") ? "" : t.identifier();
            return new MySqlOperation.Database("ALTER", name == null ? "" : name);
        }
        String what = objectKind(t);
        if (what == null) throw fail(t, "unknown ALTER statement");
        return new MySqlOperation.OtherDdl("ALTER " + what, nameOrEmpty(t));
    }

    /** VIEW, USER, EVENT … after ALTER/CREATE/DROP (skipping ALGORITHM=, DEFINER=, SQL SECURITY of views). */
    private static String objectKind(Tokens t) {
        skipDefinitions(t);
        String kind = t.acceptAny("VIEW", "USER", "EVENT", "SERVER", "TABLESPACE", "LOGFILE", "ROLE", "SEQUENCE",
                "RESOURCE", "SPATIAL", "INSTANCE");
        if (kind == null && t.accept("UNDO", "TABLESPACE")) kind = "TABLESPACE";
        return kind;
    }

    /** {@code OR REPLACE}, {@code ALGORITHM=…}, {@code DEFINER=…}, {@code SQL SECURITY …} before the object kind. */
    private static void skipDefinitions(Tokens t) {
        while (true) {
            if (t.accept("OR", "REPLACE")) continue;
            if (t.accept("ALGORITHM")) {
                t.acceptEquals();
                t.next();
            } else if (t.accept("DEFINER")) {
                t.acceptEquals();
                t.next();
                if (t.peek() != null && t.peek().kind() == Kind.WORD && t.peek().text().startsWith("@")) t.next();
                else if (t.isOperator("@")) {
                    t.next();
                    t.next();
                }
            } else if (t.accept("SQL", "SECURITY")) t.next();
            else if (t.acceptAny("AGGREGATE", "TEMPORARY", "UNIQUE") != null) { /* consumed */ }
            else return;
        }
    }

    private static String nameOrEmpty(Tokens t) {
        t.accept("IF", "NOT", "EXISTS");
        t.accept("IF", "EXISTS");
        String n = t.identifier();
        return n == null ? "" : n;
    }

    // ---- CREATE ----------------------------------------------------------------------------------------------------

    private MySqlOperation create(Tokens t, SqlStatement source) {
        boolean orReplace = t.accept("OR", "REPLACE");
        boolean temporary = t.accept("TEMPORARY");
        if (t.accept("TABLE")) return createTable(t, temporary);
        if (t.is("INDEX") || t.is("UNIQUE") || t.is("FULLTEXT") || t.is("SPATIAL") || t.is("ONLINE") || t.is("OFFLINE")) {
            return createIndex(t);
        }
        if (t.acceptAny("DATABASE", "SCHEMA") != null) {
            return new MySqlOperation.Database("CREATE", nameOrEmpty(t));
        }
        int mark = t.mark();
        skipDefinitions(t);
        String routine = t.acceptAny("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
        if (routine != null) return routine(t, routine, source);
        t.reset(mark);
        String what = objectKind(t);
        if (what == null) throw fail(t, "unknown CREATE statement");
        return new MySqlOperation.OtherDdl((orReplace ? "CREATE OR REPLACE " : "CREATE ") + what, nameOrEmpty(t));
    }

    private static MySqlOperation createTable(Tokens t, boolean temporary) {
        boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
        TableName table = table(t);
        if (t.accept("LIKE")) {
            return new MySqlOperation.CreateTable(table, ifNotExists, temporary, List.of(), List.of(), List.of(), List.of(),
                    Map.of(), false, table(t), false);
        }
        if (t.isPunct('(') && t.is(1, "LIKE")) {
            t.next();
            t.next();
            TableName like = table(t);
            t.acceptPunct(')');
            return new MySqlOperation.CreateTable(table, ifNotExists, temporary, List.of(), List.of(), List.of(), List.of(),
                    Map.of(), false, like, false);
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<IndexDefinition> indexes = new ArrayList<>();
        List<ForeignKey> fks = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        if (t.isPunct('(') && !(t.is(1, "SELECT") || t.is(1, "WITH"))) {
            t.next();
            while (true) {
                if (Definitions.startsKeyDefinition(t)) {
                    Object def = Definitions.keyDefinition(t);
                    if (def instanceof IndexDefinition i) indexes.add(i);
                    else if (def instanceof ForeignKey fk) fks.add(fk);
                    else checks.add(((Definitions.Check) def).expression());
                } else {
                    ColumnDefinition c = Definitions.column(t);
                    columns.add(c);
                    if (c.inlineKey() != null) {
                        indexes.add(new IndexDefinition(c.inlineKey(), c.inlineKey() == IndexKind.PRIMARY ? "PRIMARY" : c.name(),
                                List.of(new KeyPart(c.name(), null, null, false))));
                    }
                }
                if (t.acceptPunct(')')) break;
                if (!t.acceptPunct(',')) throw fail(t, "expected , or ) in the table definition");
            }
        }
        Map<String, String> options = Definitions.tableOptions(t, true);
        boolean partitioned = false;
        if (t.accept("PARTITION", "BY")) {
            partitioned = true;
            while (!t.atEnd() && !t.is("AS") && !t.is("SELECT") && !t.is("IGNORE") && !t.is("REPLACE")) {
                if (t.isPunct('(')) t.parenthesised();
                else t.next();
            }
        }
        t.acceptAny("IGNORE", "REPLACE");
        t.accept("AS");
        boolean asSelect = t.is("SELECT") || t.is("WITH") || t.isPunct('(') || t.is("TABLE") || t.is("VALUES");
        if (!asSelect && !t.atEnd()) throw fail(t, "unexpected text after the table definition");
        return new MySqlOperation.CreateTable(table, ifNotExists, temporary, columns, indexes, fks, checks, options,
                partitioned, null, asSelect);
    }

    private static MySqlOperation createIndex(Tokens t) {
        t.acceptAny("ONLINE", "OFFLINE");
        IndexKind kind = IndexKind.PLAIN;
        if (t.accept("UNIQUE")) kind = IndexKind.UNIQUE;
        else if (t.accept("FULLTEXT")) kind = IndexKind.FULLTEXT;
        else if (t.accept("SPATIAL")) kind = IndexKind.SPATIAL;
        if (!t.accept("INDEX")) throw fail(t, "expected INDEX");
        boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
        String name = requireIdentifier(t, "an index name");
        Definitions.indexOptions(t);
        if (!t.accept("ON")) throw fail(t, "expected ON");
        TableName table = table(t);
        List<KeyPart> parts = Definitions.keyParts(t);
        Definitions.indexOptions(t);
        AlterClauses clauses = AlterTableSyntax.indexStatementClauses(t);
        return new MySqlOperation.CreateIndex(table, new IndexDefinition(kind, name, parts), ifNotExists, clauses);
    }

    // ---- routines and their bodies ---------------------------------------------------------------------------------

    private MySqlOperation routine(Tokens t, String kind, SqlStatement source) {
        t.accept("IF", "NOT", "EXISTS");
        String name = qualifiedName(t);
        int bodyStart;
        switch (kind) {
            case "PROCEDURE", "FUNCTION" -> {
                if (t.parenthesised() == null) throw fail(t, "expected the parameter list");
                if (t.accept("RETURNS")) Definitions.type(t);
                routineCharacteristics(t);
            }
            case "TRIGGER" -> {
                if (t.acceptAny("BEFORE", "AFTER") == null || t.acceptAny("INSERT", "UPDATE", "DELETE") == null
                        || !t.accept("ON")) throw fail(t, "expected BEFORE|AFTER INSERT|UPDATE|DELETE ON");
                table(t);
                if (!t.accept("FOR", "EACH", "ROW")) throw fail(t, "expected FOR EACH ROW");
                if (t.acceptAny("FOLLOWS", "PRECEDES") != null) t.identifier();
            }
            default -> {
                while (!t.atEnd() && !t.is("DO")) t.next();
                if (!t.accept("DO")) throw fail(t, "expected DO");
            }
        }
        bodyStart = t.mark();
        if (t.atEnd()) throw fail(t, "expected the routine body");
        return new MySqlOperation.CreateRoutine(kind, name, body(t, bodyStart, source));
    }

    private static void routineCharacteristics(Tokens t) {
        while (true) {
            if (t.accept("COMMENT")) Definitions.string(t);
            else if (t.accept("LANGUAGE", "SQL") || t.accept("NOT", "DETERMINISTIC") || t.accept("DETERMINISTIC")
                    || t.accept("CONTAINS", "SQL") || t.accept("NO", "SQL") || t.accept("READS", "SQL", "DATA")
                    || t.accept("MODIFIES", "SQL", "DATA")) { /* no effect */ }
            else if (t.accept("SQL", "SECURITY")) t.next();
            else return;
        }
    }

    /**
     * The statements of a body: split at {@code ;} outside parentheses, with the control flow around them (BEGIN, IF …
     * THEN, ELSE, WHILE … DO, LOOP, REPEAT, labels, END …) stripped, each recognized on its own.
     */
    private List<MySqlOperation.BodyStatement> body(Tokens t, int from, SqlStatement source) {
        List<MySqlOperation.BodyStatement> out = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i <= t.size(); i++) {
            Lexeme l = i < t.size() ? t.get(i) : null;
            if (l != null && l.isPunct('(')) depth++;
            if (l != null && l.isPunct(')')) depth--;
            if (l == null || depth == 0 && l.isPunct(';')) {
                int s = skipControl(t, start, i);
                if (s < i) out.add(nested(t, s, i, source));
                start = i + 1;
            }
        }
        return out;
    }

    /** The first lexeme of the statement in [from, to) after control-flow words, or {@code to} when there is none. */
    private static int skipControl(Tokens t, int from, int to) {
        int i = from;
        while (i < to) {
            Lexeme l = t.get(i);
            if (i + 1 < to && t.get(i + 1).kind() == Kind.OPERATOR && t.get(i + 1).text().equals(":") && l.kind() != Kind.PUNCT) {
                i += 2;
            } else if (l.is("BEGIN") && !(i + 1 < to && (t.get(i + 1).is("WORK") || t.get(i + 1).isPunct(';')))) {
                i++;
                if (i + 1 < to && t.get(i).is("NOT") && t.get(i + 1).is("ATOMIC")) i += 2;
            } else if (l.is("IF") || l.is("ELSEIF") || l.is("WHEN") || l.is("WHILE") || l.is("CASE")) {
                String until = l.is("WHILE") ? "DO" : "THEN";
                int depth = 0;
                int j = i + 1;
                while (j < to && !(depth == 0 && t.get(j).is(until))) {
                    if (t.get(j).isPunct('(')) depth++;
                    if (t.get(j).isPunct(')')) depth--;
                    j++;
                }
                // CASE x WHEN v THEN: also up to the first THEN
                i = j + 1;
            } else if (l.is("ELSE") || l.is("LOOP") || l.is("REPEAT") || l.is("DO")) {
                i++;
            } else if (l.is("END") || l.is("UNTIL")) {
                return to;
            } else {
                return i;
            }
        }
        return to;
    }

    private MySqlOperation.BodyStatement nested(Tokens t, int from, int to, SqlStatement source) {
        Lexeme a = t.get(from);
        Lexeme b = t.get(to - 1);
        String text = source.text().substring(a.start(), b.end());
        SqlStatement s = new SqlStatement(source.file(), source.index(), a.line(), a.column(), b.endLine(), b.endColumn(), text);
        List<MySqlOperation> ops;
        if (a.is("DECLARE") || a.is("LEAVE") || a.is("ITERATE") || a.is("RETURN") || a.is("OPEN") || a.is("FETCH")
                || a.is("CLOSE") || a.is("SIGNAL") || a.is("RESIGNAL") || a.is("GET")) {
            ops = List.of(new MySqlOperation.RoutineControl(a.upper()));
        } else {
            ops = recognize(s);
        }
        return new MySqlOperation.BodyStatement(s, ops);
    }

    // ---- DROP, RENAME, maintenance -----------------------------------------------------------------------------------

    private static MySqlOperation drop(Tokens t) {
        boolean temporary = t.accept("TEMPORARY");
        if (t.acceptAny("TABLE", "TABLES") != null) {
            boolean ifExists = t.accept("IF", "EXISTS");
            List<TableName> tables = new ArrayList<>();
            do tables.add(table(t)); while (t.acceptPunct(','));
            t.acceptAny("RESTRICT", "CASCADE");
            waitTail(t);
            return new MySqlOperation.DropTable(tables, ifExists, temporary);
        }
        if (t.accept("INDEX")) {
            t.acceptAny("ONLINE", "OFFLINE");
            boolean ifExists = t.accept("IF", "EXISTS");
            String name = requireIdentifier(t, "an index name");
            if (!t.accept("ON")) {
                throw new NotRecognized("DROP INDEX " + name + " without ON <table> is not MySQL syntax (the server refuses it)");
            }
            TableName table = table(t);
            return new MySqlOperation.DropIndex(table, name, ifExists, AlterTableSyntax.indexStatementClauses(t));
        }
        if (t.acceptAny("DATABASE", "SCHEMA") != null) return new MySqlOperation.Database("DROP", nameOrEmpty(t));
        String routine = t.acceptAny("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
        if (routine != null) {
            boolean ifExists = t.accept("IF", "EXISTS");
            return new MySqlOperation.DropRoutine(routine, qualifiedName(t), ifExists);
        }
        if (t.is("PREPARE")) {
            t.next();
            return new MySqlOperation.DynamicSql("DEALLOCATE", requireIdentifier(t, "a statement name"));
        }
        String what = objectKind(t);
        if (what == null) throw fail(t, "unknown DROP statement");
        return new MySqlOperation.OtherDdl("DROP " + what, nameOrEmpty(t));
    }

    private static void waitTail(Tokens t) {
        if (t.accept("NOWAIT")) return;
        if (t.accept("WAIT")) t.next();
    }

    private static MySqlOperation rename(Tokens t) {
        if (t.acceptAny("TABLE", "TABLES") == null) {
            if (t.accept("USER")) return new MySqlOperation.OtherDdl("RENAME USER", "");
            throw fail(t, "expected RENAME TABLE");
        }
        t.accept("IF", "EXISTS");
        List<MySqlOperation.RenameTables.Rename> renames = new ArrayList<>();
        do {
            TableName from = table(t);
            waitTail(t);
            if (!t.accept("TO")) throw fail(t, "expected TO");
            renames.add(new MySqlOperation.RenameTables.Rename(from, table(t)));
        } while (t.acceptPunct(','));
        return new MySqlOperation.RenameTables(renames);
    }

    private static MySqlOperation maintenance(Tokens t, String command) {
        t.acceptAny("NO_WRITE_TO_BINLOG", "LOCAL");
        if (t.acceptAny("TABLE", "TABLES") == null) throw fail(t, "expected TABLE");
        List<TableName> tables = new ArrayList<>();
        do tables.add(table(t)); while (t.acceptPunct(','));
        return new MySqlOperation.TableMaintenance(command, tables);
    }

    // ---- SET, LOCK TABLES, DML -------------------------------------------------------------------------------------

    private MySqlOperation set(Tokens t, SqlStatement source) {
        if (t.accept("NAMES") || t.accept("CHARACTER", "SET") || t.accept("CHARSET")) {
            return new MySqlOperation.SetVariables(List.of(new Assignment(Scope.SESSION, "names", t.rest())));
        }
        if (t.accept("TRANSACTION") || t.is("SESSION") && t.is(1, "TRANSACTION") || t.is("GLOBAL") && t.is(1, "TRANSACTION")) {
            return new MySqlOperation.SetVariables(List.of(new Assignment(Scope.SESSION, "transaction", t.rest())));
        }
        if (t.acceptAny("PASSWORD", "ROLE") != null || t.accept("DEFAULT", "ROLE")) return new MySqlOperation.OtherDdl("SET", "");
        if (t.accept("STATEMENT")) {
            List<Assignment> assignments = assignments(t, true);
            if (!t.accept("FOR")) throw fail(t, "expected FOR");
            int at = t.mark();
            Lexeme first = t.get(at);
            String inner = source.text().substring(first.start());
            List<MySqlOperation> ops = recognize(new SqlStatement(source.file(), source.index(), first.line(), first.column(),
                    source.endLine(), source.endColumn(), inner));
            return new MySqlOperation.SetStatement(assignments, ops);
        }
        return new MySqlOperation.SetVariables(assignments(t, false));
    }

    private static List<Assignment> assignments(Tokens t, boolean untilFor) {
        List<Assignment> out = new ArrayList<>();
        while (true) {
            Scope scope = Scope.SESSION;
            String s = t.acceptAny("GLOBAL", "SESSION", "LOCAL", "PERSIST", "PERSIST_ONLY");
            if ("GLOBAL".equals(s)) scope = Scope.GLOBAL;
            if (s != null && s.startsWith("PERSIST")) scope = Scope.PERSIST;
            Lexeme l = t.next();
            if (l == null || !(l.kind() == Kind.WORD || l.kind() == Kind.IDENT)) throw fail(t, "expected a variable name");
            String name = l.text();
            if (name.startsWith("@@")) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("@@global")) scope = Scope.GLOBAL;
                name = name.substring(2);
                if (t.isPunct('.')) {
                    t.next();
                    name = requireIdentifier(t, "a variable name");
                }
            } else if (name.startsWith("@")) {
                scope = Scope.USER;
            } else {
                name = Tokens.unquote(name);
                if (t.isPunct('.')) {
                    t.next();
                    name = requireIdentifier(t, "a variable name");
                }
            }
            if (!(t.isOperator("=") || t.isOperator(":="))) throw fail(t, "expected = in SET");
            t.next();
            int start = t.mark();
            int depth = 0;
            while (!t.atEnd() && !(depth == 0 && (t.isPunct(',') || untilFor && t.is("FOR")))) {
                if (t.isPunct('(')) depth++;
                if (t.isPunct(')')) depth--;
                t.next();
            }
            out.add(new Assignment(scope, name.toLowerCase(Locale.ROOT), t.textBetween(start, t.mark())));
            if (!t.acceptPunct(',')) return out;
        }
    }

    private static MySqlOperation lockTables(Tokens t) {
        if (t.acceptAny("TABLES", "TABLE") == null) {
            if (t.accept("INSTANCE", "FOR", "BACKUP")) return new MySqlOperation.OtherDdl("LOCK INSTANCE", "");
            throw fail(t, "expected LOCK TABLES");
        }
        List<MySqlOperation.LockTables.TableLock> locks = new ArrayList<>();
        do {
            TableName table = table(t);
            if (t.accept("AS") || t.isIdentifier() && !t.is("READ") && !t.is("WRITE") && !t.is("LOW_PRIORITY")) t.identifier();
            String mode;
            if (t.accept("READ")) mode = t.accept("LOCAL") ? "READ LOCAL" : "READ";
            else if (t.accept("LOW_PRIORITY", "WRITE")) mode = "WRITE";
            else if (t.accept("WRITE")) mode = t.accept("CONCURRENT") ? "WRITE CONCURRENT" : "WRITE";
            else throw fail(t, "expected READ or WRITE");
            locks.add(new MySqlOperation.LockTables.TableLock(table, mode));
        } while (t.acceptPunct(','));
        waitTail(t);
        return new MySqlOperation.LockTables(locks);
    }

    private static MySqlOperation dml(Tokens t, String command) {
        while (t.acceptAny("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "QUICK") != null) { /* modifiers */ }
        List<TableName> tables = new ArrayList<>();
        switch (command) {
            case "INSERT", "REPLACE" -> {
                t.accept("INTO");
                tables.add(table(t));
            }
            case "UPDATE" -> tables.add(table(t));
            default -> {
                if (t.accept("FROM")) tables.add(table(t));
                else {
                    do tables.add(table(t)); while (t.acceptPunct(','));
                    if (!t.accept("FROM")) throw fail(t, "expected FROM");
                }
            }
        }
        boolean where = false;
        int depth = 0;
        while (!t.atEnd()) {
            Lexeme l = t.next();
            if (l.isPunct('(')) depth++;
            else if (l.isPunct(')')) depth--;
            else if (depth == 0 && l.is("WHERE")) where = true;
        }
        return new MySqlOperation.Dml(command, tables, where);
    }
}
