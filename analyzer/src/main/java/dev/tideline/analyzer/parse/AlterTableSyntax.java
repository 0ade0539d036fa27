package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import java.util.ArrayList;
import java.util.List;

/** {@code ALTER TABLE}: one operation per sub-command. */
final class AlterTableSyntax {
    private AlterTableSyntax() {}

    /** Called after {@code ALTER TABLE}. */
    static List<Operation> parse(Cursor c) {
        c.acceptSeq("IF", "EXISTS");
        c.accept("ONLY");
        TableRef table = c.qualifiedName();
        if (c.peek() != null && c.peek().text().equals("*")) c.i++;
        List<Operation> ops = new ArrayList<>();
        if (c.accept("RENAME")) {
            ops.add(rename(c, table));
            c.expectEnd();
            return ops;
        }
        if (c.acceptSeq("SET", "SCHEMA")) {
            ops.add(new Operation.SetSchema("TABLE", table, c.name()));
            c.expectEnd();
            return ops;
        }
        if (c.acceptSeq("ATTACH", "PARTITION")) {
            TableRef partition = c.qualifiedName();
            skipRest(c);
            ops.add(new Operation.AttachPartition(table, partition));
            return ops;
        }
        if (c.acceptSeq("DETACH", "PARTITION")) {
            TableRef partition = c.qualifiedName();
            boolean concurrently = c.accept("CONCURRENTLY");
            boolean finalize = c.accept("FINALIZE");
            c.expectEnd();
            ops.add(new Operation.DetachPartition(table, partition, concurrently, finalize));
            return ops;
        }
        do {
            ops.add(subCommand(c, table));
        } while (c.acceptPunct(','));
        c.expectEnd();
        return ops;
    }

    private static Operation rename(Cursor c, TableRef table) {
        if (c.accept("TO")) return new Operation.RenameTable(table, c.name());
        if (c.accept("CONSTRAINT")) {
            String from = c.name();
            c.expect("TO");
            return new Operation.RenameConstraint(table, from, c.name());
        }
        c.accept("COLUMN");
        String from = c.name();
        c.expect("TO");
        return new Operation.RenameColumn(table, from, c.name());
    }

    private static Operation subCommand(Cursor c, TableRef table) {
        if (c.accept("ADD")) {
            if (TableSyntax.atTableConstraint(c)) return new Operation.AddConstraint(table, TableSyntax.tableConstraint(c));
            c.accept("COLUMN");
            boolean ifNotExists = c.acceptSeq("IF", "NOT", "EXISTS");
            ColumnDef column = TableSyntax.column(c, table, null);
            return new Operation.AddColumn(table, column, ifNotExists);
        }
        if (c.accept("DROP")) {
            if (c.accept("CONSTRAINT")) {
                boolean ifExists = c.acceptSeq("IF", "EXISTS");
                String name = c.name();
                boolean cascade = dropBehaviour(c);
                return new Operation.DropConstraint(table, name, ifExists, cascade);
            }
            c.accept("COLUMN");
            boolean ifExists = c.acceptSeq("IF", "EXISTS");
            String name = c.name();
            boolean cascade = dropBehaviour(c);
            return new Operation.DropColumn(table, name, ifExists, cascade);
        }
        if (c.accept("ALTER")) {
            if (c.accept("CONSTRAINT")) {
                c.name();
                skipToComma(c);
                return new Operation.AlterTableStorage(table, "ALTER CONSTRAINT", null);
            }
            c.accept("COLUMN");
            return alterColumn(c, table, c.name());
        }
        if (c.acceptSeq("VALIDATE", "CONSTRAINT")) return new Operation.ValidateConstraint(table, c.name());
        return storage(c, table);
    }

    private static Operation alterColumn(Cursor c, TableRef table, String column) {
        if (c.acceptSeq("SET", "DATA", "TYPE") || c.accept("TYPE")) {
            int start = c.i;
            while (!c.atEnd() && !c.isPunct(',') && !c.is("USING") && !c.is("COLLATE")) {
                if (c.isPunct('(')) c.skipParens();
                else c.i++;
            }
            String type = SqlTypes.canonical(c.slice(start, c.i));
            if (type.isEmpty()) throw new NotRecognized("ALTER COLUMN TYPE without a type");
            if (c.accept("COLLATE")) c.qualifiedName();
            String using = null;
            if (c.accept("USING")) {
                int u = c.i;
                TableSyntax.skipExpression(c, false);
                using = c.text(u, c.i);
            }
            return new Operation.AlterColumnType(table, column, type, using);
        }
        if (c.acceptSeq("SET", "NOT", "NULL")) return new Operation.SetNotNull(table, column);
        if (c.acceptSeq("DROP", "NOT", "NULL")) return new Operation.DropNotNull(table, column);
        if (c.acceptSeq("DROP", "DEFAULT")) return new Operation.DropDefault(table, column);
        if (c.acceptSeq("SET", "DEFAULT")) {
            int start = c.i;
            TableSyntax.skipExpression(c, false);
            return new Operation.SetDefault(table, column, c.text(start, c.i), SqlTypes.volatility(c.slice(start, c.i)));
        }
        String action;
        if (c.acceptSeq("DROP", "EXPRESSION")) {
            c.acceptSeq("IF", "EXISTS");
            action = "DROP EXPRESSION";
        } else if (c.acceptSeq("SET", "EXPRESSION", "AS")) {
            c.skipParens();
            action = "SET EXPRESSION";
        } else if (c.acceptSeq("ADD", "GENERATED")) {
            if (!c.acceptSeq("ALWAYS", "AS", "IDENTITY") && !c.acceptSeq("BY", "DEFAULT", "AS", "IDENTITY")) {
                throw new NotRecognized("unknown ADD GENERATED clause");
            }
            if (c.isPunct('(')) c.skipParens();
            action = "ADD IDENTITY";
        } else if (c.acceptSeq("DROP", "IDENTITY")) {
            c.acceptSeq("IF", "EXISTS");
            action = "DROP IDENTITY";
        } else if (c.acceptSeq("SET", "STATISTICS")) {
            c.next();
            action = "SET STATISTICS";
        } else if (c.acceptSeq("SET", "STORAGE")) {
            c.next();
            action = "SET STORAGE";
        } else if (c.acceptSeq("SET", "COMPRESSION")) {
            c.next();
            action = "SET COMPRESSION";
        } else if (c.is("SET") && c.peek(1) != null && c.peek(1).isPunct('(')) {
            c.i++;
            c.skipParens();
            action = "SET ATTRIBUTE OPTIONS";
        } else if (c.is("RESET") && c.peek(1) != null && c.peek(1).isPunct('(')) {
            c.i++;
            c.skipParens();
            action = "RESET ATTRIBUTE OPTIONS";
        } else if (c.is("SET") || c.is("RESTART")) {
            // SET GENERATED …, SET sequence_option, RESTART [WITH n]: identity sequence changes
            skipToComma(c);
            action = "SET IDENTITY";
        } else {
            throw new NotRecognized("unknown ALTER COLUMN action " + Cursor.describe(c.peek()));
        }
        return new Operation.AlterTableStorage(table, action, column);
    }

    /** Table-level sub-commands that change properties or storage rather than columns or constraints. */
    private static Operation storage(Cursor c, TableRef table) {
        String action;
        if (c.is("ENABLE") || c.is("DISABLE")) {
            String verb = c.next().text().toUpperCase();
            c.accept("REPLICA");
            c.accept("ALWAYS");
            if (c.accept("TRIGGER")) action = verb + " TRIGGER";
            else if (c.accept("RULE")) action = verb + " RULE";
            else if (c.acceptSeq("ROW", "LEVEL", "SECURITY")) action = verb + " ROW LEVEL SECURITY";
            else throw new NotRecognized("unknown " + verb + " target");
        } else if (c.acceptSeq("FORCE", "ROW", "LEVEL", "SECURITY")) {
            action = "FORCE ROW LEVEL SECURITY";
        } else if (c.acceptSeq("NO", "FORCE", "ROW", "LEVEL", "SECURITY")) {
            action = "NO FORCE ROW LEVEL SECURITY";
        } else if (c.acceptSeq("CLUSTER", "ON")) {
            action = "CLUSTER ON";
        } else if (c.acceptSeq("SET", "WITHOUT", "CLUSTER")) {
            action = "SET WITHOUT CLUSTER";
        } else if (c.acceptSeq("SET", "WITHOUT", "OIDS")) {
            action = "SET WITHOUT OIDS";
        } else if (c.acceptSeq("SET", "ACCESS", "METHOD")) {
            // the target matters: heap to heap rewrites nothing
            action = c.isName() ? "SET ACCESS METHOD " + c.name().toUpperCase(java.util.Locale.ROOT) : "SET ACCESS METHOD";
        } else if (c.acceptSeq("SET", "TABLESPACE")) {
            action = "SET TABLESPACE";
        } else if (c.acceptSeq("SET", "LOGGED")) {
            return new Operation.AlterTableStorage(table, "SET LOGGED", null);
        } else if (c.acceptSeq("SET", "UNLOGGED")) {
            return new Operation.AlterTableStorage(table, "SET UNLOGGED", null);
        } else if (c.is("SET") && c.peek(1) != null && c.peek(1).isPunct('(')) {
            c.i++;
            c.skipParens();
            return new Operation.AlterTableStorage(table, "SET", null);
        } else if (c.is("RESET") && c.peek(1) != null && c.peek(1).isPunct('(')) {
            c.i++;
            c.skipParens();
            return new Operation.AlterTableStorage(table, "RESET", null);
        } else if (c.is("INHERIT") || c.isSeq("NO", "INHERIT")) {
            action = c.accept("INHERIT") ? "INHERIT" : "NO INHERIT";
            if (action.equals("NO INHERIT")) c.i += 2;
            TableRef parent = c.qualifiedName(); // the parent is locked too
            skipToComma(c);
            return new Operation.AlterTableStorage(table, action, parent.toString());
        } else if (c.accept("OF")) {
            action = "OF";
        } else if (c.acceptSeq("NOT", "OF")) {
            return new Operation.AlterTableStorage(table, "NOT OF", null);
        } else if (c.acceptSeq("OWNER", "TO")) {
            String owner = c.name(); // DROP OWNED BY this role would drop the table
            skipToComma(c);
            return new Operation.AlterTableStorage(table, "OWNER TO", owner);
        } else if (c.acceptSeq("REPLICA", "IDENTITY")) {
            action = "REPLICA IDENTITY";
        } else {
            throw new NotRecognized("unknown ALTER TABLE action " + Cursor.describe(c.peek()));
        }
        skipToComma(c);
        return new Operation.AlterTableStorage(table, action, null);
    }

    private static boolean dropBehaviour(Cursor c) {
        if (c.accept("CASCADE")) return true;
        c.accept("RESTRICT");
        return false;
    }

    private static void skipToComma(Cursor c) {
        c.skipToCommaOrEnd();
    }

    private static void skipRest(Cursor c) {
        c.i = c.size();
    }
}
