package dev.tideline.mysql.schema;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.ForeignKey;
import dev.tideline.mysql.model.IndexDefinition;
import dev.tideline.mysql.model.IndexKind;
import dev.tideline.mysql.model.KeyPart;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.MySqlType;
import dev.tideline.mysql.model.TableName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the online-DDL decisions need to know about the tables, replayed from the statements before: each column's
 * type, charset and byte length, ROW_FORMAT, FULLTEXT indexes, partitioning, foreign keys on both sides, and how many
 * instant ADD/DROP COLUMN the table has taken since its last rebuild; plus the session settings that change effects.
 * Unknown tables are simply absent: decisions then use the defaults of a fresh InnoDB table.
 */
public final class MySqlSchema {
    private final MySqlVersion version;
    private final Map<String, Table> tables = new HashMap<>();
    private boolean foreignKeyChecks = true;
    private boolean binaryLog;
    private Integer lockWaitTimeout;
    private String sqlMode;

    public MySqlSchema(MySqlVersion version) {
        this.version = version;
        this.binaryLog = version.binaryLoggingByDefault();
    }

    public MySqlVersion version() {
        return version;
    }

    /** {@code SET foreign_key_checks}: ADD FOREIGN KEY runs in place only when off. */
    public boolean foreignKeyChecks() {
        return foreignKeyChecks;
    }

    /** Statements are binary-logged ({@code SET sql_log_bin = 0} turns it off for the session). */
    public boolean binaryLog() {
        return binaryLog;
    }

    /** The session's {@code lock_wait_timeout} in seconds when a statement set it, else null (server default). */
    public Integer lockWaitTimeout() {
        return lockWaitTimeout;
    }

    /** The session's {@code sql_mode} as last set (text as written), or null. */
    public String sqlMode() {
        return sqlMode;
    }

    public Table table(TableName name) {
        return tables.get(name.key());
    }

    /** A column of a table as the model knows it. */
    public record Column(String name, MySqlType type, String charset, String collation, boolean nullable,
                         ColumnDefinition.Generated generated, boolean autoIncrement) {
        /** The most bytes a value can take ({@code VARCHAR(50)} utf8mb4: 200); 0 for non-character types. */
        public int maxBytes() {
            return type.length().orElse(type.isCharacter() ? 1 : 0) * Charsets.maxBytes(charset);
        }
    }

    /** A table as the model knows it. Mutable: the replay changes it in place. */
    public static final class Table {
        private TableName name;
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final Map<String, IndexDefinition> indexes = new LinkedHashMap<>();
        private final Map<String, ForeignKey> foreignKeys = new LinkedHashMap<>();
        private int referencedBy;
        private String rowFormat = "DYNAMIC";
        private String engine = "InnoDB";
        private String charset;
        private boolean partitioned;
        private int instantVersions;

        Table(TableName name) {
            this.name = name;
        }

        public TableName name() {
            return name;
        }

        public Column column(String column) {
            return columns.get(column.toLowerCase(Locale.ROOT));
        }

        public List<Column> columns() {
            return List.copyOf(columns.values());
        }

        public String rowFormat() {
            return rowFormat;
        }

        public String engine() {
            return engine;
        }

        /** The table's default charset; null when no statement said it (the server's default applies). */
        public String charset() {
            return charset;
        }

        public boolean partitioned() {
            return partitioned;
        }

        public boolean hasFulltextIndex() {
            return indexes.values().stream().anyMatch(i -> i.kind() == IndexKind.FULLTEXT);
        }

        public boolean hasPrimaryKey() {
            return indexes.values().stream().anyMatch(i -> i.kind() == IndexKind.PRIMARY);
        }

        /** The primary key's columns in key order; empty when the table has none (or a functional part). */
        public List<String> primaryKey() {
            for (IndexDefinition i : indexes.values()) {
                if (i.kind() != IndexKind.PRIMARY) continue;
                if (i.parts().stream().anyMatch(KeyPart::isFunctional)) return List.of();
                return i.parts().stream().map(KeyPart::column).toList();
            }
            return List.of();
        }

        /** Some index of the table has this column as a key part. */
        public boolean indexed(String column) {
            for (IndexDefinition i : indexes.values()) {
                for (KeyPart p : i.parts()) if (column.equalsIgnoreCase(p.column())) return true;
            }
            return false;
        }

        /** The column belongs to a foreign key of this table, or is referenced by one of another table. */
        public boolean inForeignKey(String column) {
            for (ForeignKey fk : foreignKeys.values()) {
                if (fk.columns().stream().anyMatch(column::equalsIgnoreCase)) return true;
            }
            return referencedBy > 0 && indexed(column);
        }

        /** Instant ADD/DROP COLUMN since the table was created or last rebuilt (MySQL counts row versions). */
        public int instantVersions() {
            return instantVersions;
        }

        void countInstantChange() {
            instantVersions++;
        }

        void rebuilt() {
            instantVersions = 0;
        }
    }

    // ---- replay ------------------------------------------------------------------------------------------------------

    /** Records what an operation changes in the model (tables, columns, indexes, keys, session settings). */
    public void apply(MySqlOperation op) {
        if (op instanceof MySqlOperation.CreateTable ct) createTable(ct);
        else if (op instanceof MySqlOperation.DropTable dt) dt.tables().forEach(t -> tables.remove(t.key()));
        else if (op instanceof MySqlOperation.RenameTables rt) rt.renames().forEach(r -> rename(r.from(), r.to()));
        else if (op instanceof MySqlOperation.CreateIndex ci) {
            Table t = table(ci.table());
            if (t != null) t.indexes.put(ci.index().name().toLowerCase(Locale.ROOT), ci.index());
        } else if (op instanceof MySqlOperation.DropIndex di) {
            Table t = table(di.table());
            if (t != null) t.indexes.remove(di.name().toLowerCase(Locale.ROOT));
        } else if (op instanceof MySqlOperation.AlterTable at) alter(at);
        else if (op instanceof MySqlOperation.SetVariables sv) sv.assignments().forEach(this::set);
        else if (op instanceof MySqlOperation.SetStatement ss) ss.statement().forEach(this::apply);
    }

    /** An instant ADD/DROP COLUMN happened (counts toward MySQL's row-version limit), or a rebuild reset the count. */
    public void recordRun(TableName table, boolean instantColumnChange, boolean rebuilt) {
        Table t = table(table);
        if (t == null) return;
        if (rebuilt) t.rebuilt();
        else if (instantColumnChange) t.countInstantChange();
    }

    private void set(MySqlOperation.SetVariables.Assignment a) {
        if (a.scope() == MySqlOperation.SetVariables.Scope.USER || a.scope() == MySqlOperation.SetVariables.Scope.GLOBAL) return;
        String v = a.value().strip().replace("'", "").toUpperCase(Locale.ROOT);
        boolean off = v.equals("0") || v.equals("OFF") || v.equals("FALSE");
        switch (a.name()) {
            case "foreign_key_checks" -> foreignKeyChecks = !off;
            case "sql_log_bin" -> binaryLog = !off;
            case "lock_wait_timeout" -> lockWaitTimeout = v.matches("\\d+") ? Integer.valueOf(v) : null;
            case "sql_mode" -> sqlMode = a.value();
            default -> { }
        }
    }

    private void createTable(MySqlOperation.CreateTable ct) {
        if (ct.ifNotExists() && tables.containsKey(ct.table().key())) return;
        Table t = new Table(ct.table());
        if (ct.like() != null && table(ct.like()) != null) {
            Table src = table(ct.like());
            t.columns.putAll(src.columns);
            t.indexes.putAll(src.indexes);
            t.rowFormat = src.rowFormat;
            t.charset = src.charset;
            t.partitioned = src.partitioned;
        }
        tableOptions(t, ct.options());
        for (ColumnDefinition c : ct.columns()) putColumn(t, c);
        for (IndexDefinition i : ct.indexes()) t.indexes.put(indexKey(i), i);
        for (ForeignKey fk : ct.foreignKeys()) addForeignKey(t, fk);
        t.partitioned |= ct.partitioned();
        tables.put(ct.table().key(), t);
    }

    private static String indexKey(IndexDefinition i) {
        String n = i.name() != null ? i.name() : i.parts().isEmpty() || i.parts().get(0).column() == null ? "expr"
                : i.parts().get(0).column();
        return n.toLowerCase(Locale.ROOT);
    }

    private void addForeignKey(Table t, ForeignKey fk) {
        String name = fk.name() != null ? fk.name() : t.name.name() + "_ibfk_" + (t.foreignKeys.size() + 1);
        t.foreignKeys.put(name.toLowerCase(Locale.ROOT), fk);
        Table parent = table(fk.referenced());
        if (parent != null) parent.referencedBy++;
        // InnoDB creates an index for a foreign key that has none
        if (!fk.columns().isEmpty() && !t.indexed(fk.columns().get(0))) {
            t.indexes.put(name.toLowerCase(Locale.ROOT), new IndexDefinition(IndexKind.PLAIN, name,
                    fk.columns().stream().map(c -> new KeyPart(c, null, null, false)).toList()));
        }
    }

    private void putColumn(Table t, ColumnDefinition c) {
        String charset = c.writtenCharset();
        if (charset == null && c.writtenCollation() != null) charset = Charsets.ofCollation(c.writtenCollation());
        if (charset == null && c.type().isCharacter()) charset = t.charset;
        boolean nullable = c.nullable() == null ? c.inlineKey() != IndexKind.PRIMARY : c.nullable();
        t.columns.put(c.name().toLowerCase(Locale.ROOT), new Column(c.name(), c.type(),
                charset == null ? null : Charsets.canonical(charset), c.writtenCollation(), nullable, c.generated(),
                c.autoIncrement()));
        if (c.inlineKey() != null) {
            IndexDefinition i = new IndexDefinition(c.inlineKey(), c.inlineKey() == IndexKind.PRIMARY ? "PRIMARY" : c.name(),
                    List.of(new KeyPart(c.name(), null, null, false)));
            t.indexes.put(indexKey(i), i);
        }
    }

    private void tableOptions(Table t, Map<String, String> options) {
        options.forEach((k, v) -> {
            switch (k) {
                case "ROW_FORMAT" -> t.rowFormat = v.toUpperCase(Locale.ROOT);
                case "ENGINE" -> t.engine = v;
                case "CHARSET" -> t.charset = Charsets.canonical(v);
                case "COLLATE" -> {
                    if (t.charset == null) t.charset = Charsets.ofCollation(v);
                }
                default -> { }
            }
        });
    }

    private void rename(TableName from, TableName to) {
        Table t = tables.remove(from.key());
        if (t == null) return;
        t.name = to;
        tables.put(to.key(), t);
    }

    private void alter(MySqlOperation.AlterTable at) {
        Table t = table(at.table());
        if (t == null) return;
        for (AlterAction a : at.actions()) alter(t, a);
    }

    private void alter(Table t, AlterAction a) {
        if (a instanceof AlterAction.AddColumn ac) putColumn(t, ac.column());
        else if (a instanceof AlterAction.DropColumn dc) {
            t.columns.remove(dc.name().toLowerCase(Locale.ROOT));
            t.indexes.values().removeIf(i -> i.parts().stream().allMatch(p -> dc.name().equalsIgnoreCase(p.column())));
        } else if (a instanceof AlterAction.ModifyColumn mc) putColumn(t, mc.column());
        else if (a instanceof AlterAction.ChangeColumn cc) {
            t.columns.remove(cc.oldName().toLowerCase(Locale.ROOT));
            putColumn(t, cc.column());
        } else if (a instanceof AlterAction.RenameColumn rc) {
            Column c = t.columns.remove(rc.from().toLowerCase(Locale.ROOT));
            if (c != null) {
                t.columns.put(rc.to().toLowerCase(Locale.ROOT), new Column(rc.to(), c.type(), c.charset(), c.collation(),
                        c.nullable(), c.generated(), c.autoIncrement()));
            }
        } else if (a instanceof AlterAction.AddIndex ai) t.indexes.put(indexKey(ai.index()), ai.index());
        else if (a instanceof AlterAction.DropIndex di) t.indexes.remove(di.name().toLowerCase(Locale.ROOT));
        else if (a instanceof AlterAction.DropPrimaryKey) t.indexes.values().removeIf(i -> i.kind() == IndexKind.PRIMARY);
        else if (a instanceof AlterAction.RenameIndex ri) {
            IndexDefinition i = t.indexes.remove(ri.from().toLowerCase(Locale.ROOT));
            if (i != null) t.indexes.put(ri.to().toLowerCase(Locale.ROOT), new IndexDefinition(i.kind(), ri.to(), i.parts()));
        } else if (a instanceof AlterAction.AddForeignKey fk) addForeignKey(t, fk.foreignKey());
        else if (a instanceof AlterAction.DropForeignKey dfk) t.foreignKeys.remove(dfk.name().toLowerCase(Locale.ROOT));
        else if (a instanceof AlterAction.TableOptions o) tableOptions(t, o.options());
        else if (a instanceof AlterAction.ConvertCharset cc) {
            t.charset = Charsets.canonical(cc.charset());
            List<Column> converted = new ArrayList<>();
            for (Column c : t.columns.values()) {
                converted.add(c.type().isCharacter() ? new Column(c.name(), c.type(), t.charset, cc.collation(),
                        c.nullable(), c.generated(), c.autoIncrement()) : c);
            }
            converted.forEach(c -> t.columns.put(c.name().toLowerCase(Locale.ROOT), c));
        } else if (a instanceof AlterAction.RenameTable rt) rename(t.name, rt.to());
        else if (a instanceof AlterAction.Partition p) {
            if (p.command() == AlterAction.PartitionCommand.PARTITION_BY) t.partitioned = true;
            if (p.command() == AlterAction.PartitionCommand.REMOVE_PARTITIONING) t.partitioned = false;
        }
    }
}
