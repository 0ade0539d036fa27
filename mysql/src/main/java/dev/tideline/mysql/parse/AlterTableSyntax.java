package dev.tideline.mysql.parse;

import static dev.tideline.mysql.parse.Definitions.fail;
import static dev.tideline.mysql.parse.Definitions.requireIdentifier;

import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.Clause;
import dev.tideline.mysql.effects.LockLevel;
import dev.tideline.mysql.lex.Lexeme;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.AlterAction.PartitionCommand;
import dev.tideline.mysql.model.AlterAction.Position;
import dev.tideline.mysql.model.AlterClauses;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.ForeignKey;
import dev.tideline.mysql.model.IndexDefinition;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t [WAIT n|NOWAIT] sub-command, …}: every sub-command with its
 * definitions, the ALGORITHM/LOCK clauses wherever they stand, and MariaDB's WAIT/NOWAIT and IF [NOT] EXISTS. A
 * sub-command it cannot read becomes {@link AlterAction.Unknown} and the others are still read.
 */
final class AlterTableSyntax {
    private Algorithm algorithm;
    private LockLevel lock;
    private Integer wait;

    /** After {@code ALTER}. */
    static MySqlOperation alterTable(Tokens t) {
        return new AlterTableSyntax().read(t);
    }

    private MySqlOperation read(Tokens t) {
        boolean online = t.accept("ONLINE");
        t.accept("IGNORE");
        if (!t.accept("TABLE")) throw fail(t, "expected TABLE");
        boolean ifExists = t.accept("IF", "EXISTS");
        TableName table = t.tableName();
        if (table == null) throw fail(t, "expected a table name");
        waitClause(t);
        List<AlterAction> actions = new ArrayList<>();
        while (!t.atEnd()) {
            int start = t.mark();
            try {
                actions.addAll(action(t));
                if (!t.atEnd() && !t.acceptPunct(',') && !startsPartitionOptions(t) && !startsTableOption(t)) {
                    throw fail(t, "expected , between ALTER TABLE sub-commands");
                }
            } catch (NotRecognized e) {
                t.reset(start);
                String text = t.skipToCommaOrClose();
                if (t.isPunct(')')) text = text + t.rest();
                actions.add(new AlterAction.Unknown(text.isEmpty() ? t.rest() : text));
                if (!t.acceptPunct(',')) break;
            }
        }
        Clause clause = new Clause(algorithm, lock);
        return new MySqlOperation.AlterTable(table, actions, new AlterClauses(clause, wait, online, ifExists));
    }

    /** MariaDB {@code WAIT n} / {@code NOWAIT}. */
    private void waitClause(Tokens t) {
        if (t.accept("NOWAIT")) wait = 0;
        else if (t.is("WAIT") && t.peek(1) != null && t.peek(1).kind() == Lexeme.Kind.NUMBER) {
            t.next();
            wait = (int) Math.min(Integer.MAX_VALUE, Double.parseDouble(t.next().text()));
        }
    }

    private static boolean startsPartitionOptions(Tokens t) {
        return t.is("PARTITION") && t.is(1, "BY") || t.is("REMOVE") && t.is(1, "PARTITIONING");
    }

    private static boolean startsTableOption(Tokens t) {
        int mark = t.mark();
        boolean option = !Definitions.tableOptions(t, false).isEmpty();
        t.reset(mark);
        return option;
    }

    /** One sub-command (several for {@code ADD (a INT, b INT)}); none for ALGORITHM=, LOCK=, WAIT n. */
    private List<AlterAction> action(Tokens t) {
        if (t.accept("ALGORITHM")) {
            t.acceptEquals();
            algorithm = algorithm(t);
            return List.of();
        }
        if (t.accept("LOCK")) {
            t.acceptEquals();
            lock = lockLevel(t);
            return List.of();
        }
        if (t.is("NOWAIT") || t.is("WAIT")) {
            waitClause(t);
            return List.of();
        }
        if (t.accept("ADD")) return add(t);
        return List.of(single(t));
    }

    private AlterAction single(Tokens t) {
        if (t.accept("DROP")) return drop(t);
        if (t.accept("MODIFY")) {
            t.accept("COLUMN");
            t.accept("IF", "EXISTS");
            ColumnDefinition c = Definitions.column(t);
            return new AlterAction.ModifyColumn(c, position(t));
        }
        if (t.accept("CHANGE")) {
            t.accept("COLUMN");
            t.accept("IF", "EXISTS");
            String old = requireIdentifier(t, "the column to change");
            ColumnDefinition c = Definitions.column(t);
            return new AlterAction.ChangeColumn(old, c, position(t));
        }
        if (t.accept("RENAME")) return rename(t);
        if (t.accept("ALTER")) return alter(t);
        if (t.accept("CONVERT", "TO")) {
            if (!(t.accept("CHARACTER", "SET") || t.accept("CHARSET"))) throw fail(t, "expected CHARACTER SET");
            t.acceptEquals();
            String charset = requireIdentifier(t, "a character set");
            String collation = null;
            if (t.accept("COLLATE")) {
                t.acceptEquals();
                collation = requireIdentifier(t, "a collation");
            }
            return new AlterAction.ConvertCharset(charset, collation);
        }
        if (t.accept("FORCE")) return new AlterAction.Force();
        PartitionCommand pc = partitionCommand(t);
        if (pc != null) return partition(t, pc);
        if (t.accept("PARTITION", "BY")) {
            skipRest(t);
            return new AlterAction.Partition(PartitionCommand.PARTITION_BY, List.of());
        }
        if (t.accept("REMOVE", "PARTITIONING")) return new AlterAction.Partition(PartitionCommand.REMOVE_PARTITIONING, List.of());
        Map<String, String> options = Definitions.tableOptions(t, false);
        if (!options.isEmpty()) return new AlterAction.TableOptions(options);
        throw fail(t, "unknown ALTER TABLE sub-command");
    }

    private static Algorithm algorithm(Tokens t) {
        String a = requireIdentifier(t, "an algorithm").toUpperCase(Locale.ROOT);
        if (a.equals("DEFAULT")) return null;
        try {
            return Algorithm.valueOf(a);
        } catch (IllegalArgumentException e) {
            throw new NotRecognized("unknown ALGORITHM=" + a);
        }
    }

    static LockLevel lockLevel(Tokens t) {
        String l = requireIdentifier(t, "a lock level").toUpperCase(Locale.ROOT);
        if (l.equals("DEFAULT")) return null;
        try {
            return LockLevel.valueOf(l);
        } catch (IllegalArgumentException e) {
            throw new NotRecognized("unknown LOCK=" + l);
        }
    }

    /** An ALGORITHM/LOCK/WAIT tail after CREATE INDEX … or DROP INDEX … ON t (no commas needed). */
    static AlterClauses indexStatementClauses(Tokens t) {
        AlterTableSyntax s = new AlterTableSyntax();
        while (!t.atEnd()) {
            if (t.accept("ALGORITHM")) {
                t.acceptEquals();
                s.algorithm = algorithm(t);
            } else if (t.accept("LOCK")) {
                t.acceptEquals();
                s.lock = lockLevel(t);
            } else if (t.is("WAIT") || t.is("NOWAIT")) {
                int before = t.mark();
                s.waitClause(t);
                if (t.mark() == before) throw fail(t, "expected WAIT n");
            } else if (!t.acceptPunct(',')) {
                throw fail(t, "unexpected text after the index");
            }
        }
        return new AlterClauses(new Clause(s.algorithm, s.lock), s.wait, false, false);
    }

    private static Position position(Tokens t) {
        if (t.accept("FIRST")) return new Position(true, null);
        if (t.accept("AFTER")) return new Position(false, requireIdentifier(t, "a column after AFTER"));
        return Position.END;
    }

    private static List<AlterAction> add(Tokens t) {
        if (t.accept("PARTITION")) {
            t.parenthesised();
            return List.of(new AlterAction.Partition(PartitionCommand.ADD, List.of()));
        }
        boolean column = t.accept("COLUMN");
        boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
        if (!column && Definitions.startsKeyDefinition(t)) return List.of(keyAction(t, ifNotExists));
        if (t.isPunct('(')) return columnList(t);
        ColumnDefinition c = Definitions.column(t);
        return List.of(new AlterAction.AddColumn(c, position(t), ifNotExists));
    }

    private static AlterAction keyAction(Tokens t, boolean ifNotExists) {
        Object def = Definitions.keyDefinition(t);
        if (def instanceof IndexDefinition i) return new AlterAction.AddIndex(i, ifNotExists);
        if (def instanceof ForeignKey fk) return new AlterAction.AddForeignKey(fk);
        Definitions.Check check = (Definitions.Check) def;
        return new AlterAction.AddCheck(check.name(), check.expression());
    }

    /** {@code ADD (a INT, b INT, INDEX (a))}: each column added at the end. */
    private static List<AlterAction> columnList(Tokens t) {
        List<AlterAction> out = new ArrayList<>();
        t.acceptPunct('(');
        while (true) {
            out.add(Definitions.startsKeyDefinition(t) ? keyAction(t, false)
                    : new AlterAction.AddColumn(Definitions.column(t), Position.END, false));
            if (t.acceptPunct(')')) return out;
            if (!t.acceptPunct(',')) throw fail(t, "expected , or ) in ADD ( … )");
        }
    }

    private static AlterAction drop(Tokens t) {
        if (t.accept("PRIMARY", "KEY")) return new AlterAction.DropPrimaryKey();
        if (t.acceptAny("INDEX", "KEY") != null) {
            boolean ifExists = t.accept("IF", "EXISTS");
            return new AlterAction.DropIndex(requireIdentifier(t, "an index name"), ifExists);
        }
        if (t.accept("FOREIGN", "KEY")) {
            boolean ifExists = t.accept("IF", "EXISTS");
            return new AlterAction.DropForeignKey(requireIdentifier(t, "a foreign key name"), ifExists);
        }
        if (t.accept("CHECK")) {
            boolean ifExists = t.accept("IF", "EXISTS");
            return new AlterAction.DropConstraint(requireIdentifier(t, "a constraint name"), true, ifExists);
        }
        if (t.accept("CONSTRAINT")) {
            boolean ifExists = t.accept("IF", "EXISTS");
            return new AlterAction.DropConstraint(requireIdentifier(t, "a constraint name"), false, ifExists);
        }
        if (t.accept("PARTITION")) return new AlterAction.Partition(PartitionCommand.DROP, names(t));
        t.accept("COLUMN");
        boolean ifExists = t.accept("IF", "EXISTS");
        String name = requireIdentifier(t, "a column name");
        t.acceptAny("RESTRICT", "CASCADE");
        return new AlterAction.DropColumn(name, ifExists);
    }

    private static AlterAction rename(Tokens t) {
        if (t.accept("COLUMN")) {
            t.accept("IF", "EXISTS");
            String from = requireIdentifier(t, "a column name");
            if (!t.accept("TO")) throw fail(t, "expected TO");
            return new AlterAction.RenameColumn(from, requireIdentifier(t, "the new column name"));
        }
        if (t.acceptAny("INDEX", "KEY") != null) {
            t.accept("IF", "EXISTS");
            String from = requireIdentifier(t, "an index name");
            if (!t.accept("TO")) throw fail(t, "expected TO");
            return new AlterAction.RenameIndex(from, requireIdentifier(t, "the new index name"));
        }
        if (t.acceptAny("TO", "AS") == null) t.accept("TO");
        TableName to = t.tableName();
        if (to == null) throw fail(t, "expected the new table name");
        return new AlterAction.RenameTable(to);
    }

    private static AlterAction alter(Tokens t) {
        if (t.accept("INDEX") || t.accept("KEY")) {
            String name = requireIdentifier(t, "an index name");
            if (t.accept("VISIBLE") || t.accept("NOT", "IGNORED")) return new AlterAction.IndexVisibility(name, true);
            if (t.accept("INVISIBLE") || t.accept("IGNORED")) return new AlterAction.IndexVisibility(name, false);
            throw fail(t, "expected VISIBLE or INVISIBLE");
        }
        if (t.is("CHECK") || t.is("CONSTRAINT") && !t.is(1, "SET") && !t.is(1, "DROP")) {
            t.next();
            String name = requireIdentifier(t, "a constraint name");
            boolean enforced = !t.accept("NOT", "ENFORCED");
            if (enforced && !t.accept("ENFORCED")) throw fail(t, "expected [NOT] ENFORCED");
            return new AlterAction.CheckEnforcement(name, enforced);
        }
        t.accept("COLUMN");
        t.accept("IF", "EXISTS");
        String column = requireIdentifier(t, "a column name");
        if (t.accept("SET", "DEFAULT")) return new AlterAction.ColumnDefault(column, Definitions.defaultValue(t));
        if (t.accept("DROP", "DEFAULT")) return new AlterAction.ColumnDefault(column, null);
        if (t.accept("SET", "VISIBLE")) return new AlterAction.ColumnVisibility(column, true);
        if (t.accept("SET", "INVISIBLE")) return new AlterAction.ColumnVisibility(column, false);
        throw fail(t, "expected SET DEFAULT, DROP DEFAULT or SET [IN]VISIBLE");
    }

    private static PartitionCommand partitionCommand(Tokens t) {
        for (PartitionCommand c : List.of(PartitionCommand.TRUNCATE, PartitionCommand.REORGANIZE, PartitionCommand.COALESCE,
                PartitionCommand.REBUILD, PartitionCommand.EXCHANGE, PartitionCommand.ANALYZE, PartitionCommand.CHECK,
                PartitionCommand.OPTIMIZE, PartitionCommand.REPAIR, PartitionCommand.DISCARD, PartitionCommand.IMPORT)) {
            if (t.is(c.name()) && t.is(1, "PARTITION")) {
                t.next();
                t.next();
                return c;
            }
        }
        return null;
    }

    private static AlterAction partition(Tokens t, PartitionCommand c) {
        List<String> names = c == PartitionCommand.COALESCE ? List.of(t.next().text()) : names(t);
        if (c == PartitionCommand.REORGANIZE && t.accept("INTO")) t.parenthesised();
        if (c == PartitionCommand.EXCHANGE) {
            if (!t.accept("WITH", "TABLE")) throw fail(t, "expected WITH TABLE");
            t.tableName();
            if (t.acceptAny("WITH", "WITHOUT") != null) t.accept("VALIDATION");
        }
        if (c == PartitionCommand.DISCARD || c == PartitionCommand.IMPORT) t.accept("TABLESPACE");
        return new AlterAction.Partition(c, names);
    }

    /** {@code p0, p1} or {@code ALL}; stops before a comma that starts another sub-command. */
    private static List<String> names(Tokens t) {
        List<String> names = new ArrayList<>();
        if (t.accept("ALL")) return List.of("ALL");
        while (true) {
            names.add(requireIdentifier(t, "a partition name"));
            if (!(t.isPunct(',') && t.peek(1) != null && t.peek(1).kind() != Lexeme.Kind.PUNCT && !isSubCommandStart(t.peek(1)))) {
                return names;
            }
            t.next();
        }
    }

    private static boolean isSubCommandStart(Lexeme l) {
        for (String w : List.of("ADD", "DROP", "ALGORITHM", "LOCK", "MODIFY", "CHANGE", "RENAME", "ALTER", "FORCE")) {
            if (l.is(w)) return true;
        }
        return false;
    }

    private static void skipRest(Tokens t) {
        while (!t.atEnd()) t.next();
    }
}
