package dev.tideline.mysql.effects;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.effects.Prediction.ClausePlace;
import dev.tideline.mysql.effects.Ways.Exec;
import dev.tideline.mysql.lex.MySqlLexis;
import dev.tideline.mysql.lex.MySqlSplitter;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.AlterAction.Position;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.DefaultValue;
import dev.tideline.mysql.model.ForeignKey;
import dev.tideline.mysql.model.IndexDefinition;
import dev.tideline.mysql.model.IndexKind;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.MySqlType;
import dev.tideline.mysql.parse.MySqlRecognizer;
import dev.tideline.mysql.schema.Charsets;
import dev.tideline.mysql.schema.MySqlSchema;
import dev.tideline.mysql.schema.MySqlSchema.Column;
import dev.tideline.mysql.schema.MySqlSchema.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The online-DDL effect model of MySQL 8.0/8.4 and MariaDB 10.6–11.x: for a statement, the schema before it and the
 * server version, which algorithms the server accepts (INSTANT, NOCOPY, INPLACE, COPY), whether the table is rebuilt,
 * the weakest LOCK allowed, the metadata-lock phases and whether existing rows can make it fail. Version differences
 * are capability queries on {@link MySqlVersion}; schema facts come from {@link MySqlSchema}. Where the servers
 * disagree with the documentation, this follows the servers (see the conformance suite).
 */
public final class OnlineDdl {
    private final MySqlVersion v;
    private final MySqlSchema schema;
    private final List<DdlKind> kinds = new ArrayList<>();
    private final List<Ways> ways = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean dataDependent;
    /** A type change that can lose or refuse existing values (shorter, smaller, fewer members, another type). */
    private boolean narrowing;
    private int refusedErrno;
    /** Changes the server accepts and ignores (CHECK before MySQL 8.0.16): no metadata lock upgrade. */
    private int ignored;
    private List<MdlPhase> mdl;

    private OnlineDdl(MySqlSchema schema, MySqlVersion version) {
        this.schema = schema;
        this.v = version;
    }

    /**
     * Replays {@code setupSql} (any statements: CREATE TABLE, SET foreign_key_checks …) into a fresh schema model and
     * predicts {@code statementSql} (one statement) on it.
     */
    public static Prediction predict(String setupSql, String statementSql, MySqlVersion version) {
        MySqlLexis lexis = new MySqlLexis(true, false, version.commentNumber(), version.isMariaDb());
        MySqlRecognizer recognizer = new MySqlRecognizer(lexis);
        MySqlSplitter splitter = new MySqlSplitter(lexis);
        MySqlSchema schema = new MySqlSchema(version);
        for (SqlStatement s : splitter.split(Path.of("setup.sql"), setupSql).statements()) {
            for (MySqlOperation op : recognizer.recognize(s)) replay(op, schema);
        }
        List<SqlStatement> statements = splitter.split(Path.of("statement.sql"), statementSql).statements();
        if (statements.size() != 1) return Prediction.unmodelled("expected one statement, found " + statements.size());
        List<MySqlOperation> ops = recognizer.recognize(statements.get(0));
        if (ops.size() != 1 || !MySqlRecognizer.complete(ops)) return Prediction.unmodelled("not recognized: " + ops);
        return predict(ops.get(0), schema);
    }

    /** The prediction for one statement (text) on the schema as it stands; empty when it is not one recognized operation. */
    public static java.util.Optional<Prediction> predictOne(String statementSql, MySqlSchema schema) {
        MySqlVersion version = schema.version();
        MySqlLexis lexis = new MySqlLexis(true, false, version.commentNumber(), version.isMariaDb());
        List<SqlStatement> statements = new MySqlSplitter(lexis).split(Path.of("statement.sql"), statementSql).statements();
        if (statements.size() != 1) return java.util.Optional.empty();
        List<MySqlOperation> ops = new MySqlRecognizer(lexis).recognize(statements.get(0));
        if (ops.size() != 1 || !MySqlRecognizer.complete(ops)) return java.util.Optional.empty();
        return java.util.Optional.of(predict(ops.get(0), schema));
    }

    /** The prediction for one operation on the schema as it stands (the schema is not changed). */
    public static Prediction predict(MySqlOperation op, MySqlSchema schema) {
        return new OnlineDdl(schema, schema.version()).classify(op);
    }

    /**
     * The prediction on another release of the same flavour, for the tables as {@code schema} knows them (what an
     * older server would do with the same statement).
     */
    public static Prediction predict(MySqlOperation op, MySqlSchema schema, MySqlVersion version) {
        return new OnlineDdl(schema, version).classify(op);
    }

    /** Applies an operation to the schema model, counting instant column changes and rebuilds as the server does. */
    public static void replay(MySqlOperation op, MySqlSchema schema) {
        if (op instanceof MySqlOperation.AlterTable at) {
            Prediction p = predict(op, schema);
            if (p.modelled()) {
                DdlEffect e = p.effect();
                boolean instantColumn = e.algorithm() == Algorithm.INSTANT && at.actions().stream()
                        .anyMatch(a -> a instanceof AlterAction.AddColumn || a instanceof AlterAction.DropColumn);
                schema.recordRun(at.table(), instantColumn, e.rebuild());
            }
        }
        schema.apply(op);
    }

    private Prediction classify(MySqlOperation op) {
        ClausePlace place = ClausePlace.ALTER;
        Clause written = Clause.DEFAULT;
        if (op instanceof MySqlOperation.AlterTable at) {
            written = at.clauses().clause();
            Table t = schema.table(at.table());
            boolean dropsPk = at.actions().stream().anyMatch(a -> a instanceof AlterAction.DropPrimaryKey);
            boolean addsPk = at.actions().stream().anyMatch(a -> a instanceof AlterAction.AddIndex ai
                    && ai.index().kind() == IndexKind.PRIMARY);
            for (AlterAction a : at.actions()) {
                if (a instanceof AlterAction.Partition) place = v.acceptsClauseOnPartitionCommands() ? place : ClausePlace.SYNTAX_ERROR;
                if (a instanceof AlterAction.Partition p && p.command() == AlterAction.PartitionCommand.TRUNCATE
                        && v.acceptsClauseOnPartitionCommands()) place = ClausePlace.IGNORED;
                action(a, t, dropsPk && addsPk);
            }
            if (at.clauses().waitSeconds() != null) {
                notes.add("waits at most " + at.clauses().waitSeconds() + " s for the metadata lock (WAIT/NOWAIT)");
            }
        } else if (op instanceof MySqlOperation.CreateIndex ci) {
            written = ci.clauses().clause();
            addIndex(ci.index(), schema.table(ci.table()));
        } else if (op instanceof MySqlOperation.DropIndex di) {
            written = di.clauses().clause();
            if (!v.acceptsClauseOnDropIndexStatement()) place = ClausePlace.SYNTAX_ERROR;
            add(DdlKind.DROP_INDEX, new Ways(null, Ways.NO_REBUILD, copy()));
        } else if (op instanceof MySqlOperation.RenameTables) {
            place = ClausePlace.NONE;
            add(DdlKind.RENAME_TABLE, new Ways(new Exec(false, LockLevel.EXCLUSIVE), null, null));
        } else if (op instanceof MySqlOperation.TableMaintenance tm && tm.command().equals("OPTIMIZE")) {
            place = ClausePlace.NONE;
            add(DdlKind.OPTIMIZE_TABLE, new Ways(null, Ways.REBUILD, null));
        } else if (op instanceof MySqlOperation.TableMaintenance tm && tm.command().equals("ANALYZE")) {
            place = ClausePlace.NONE;
            // statistics only: it reads under a shared lock and does not wait for open transactions
            mdl = List.of(new MdlPhase("SHARED_READ", "build"));
            add(DdlKind.ANALYZE_TABLE, new Ways(null, Ways.NO_REBUILD, null));
        } else if (op instanceof MySqlOperation.Truncate) {
            place = ClausePlace.NONE;
            notes.add("TRUNCATE drops and re-creates the table under an exclusive metadata lock");
            add(DdlKind.TRUNCATE_TABLE, new Ways(null, new Exec(true, LockLevel.EXCLUSIVE), null));
        } else {
            return Prediction.unmodelled("not an online-DDL statement: " + op.getClass().getSimpleName());
        }
        if (kinds.contains(DdlKind.UNMODELLED)) return Prediction.unmodelled(String.join("; ", notes));
        if (ignored == kinds.size()) mdl = List.of(new MdlPhase("SHARED_UPGRADABLE", "build"));
        return new Prediction(kinds, ways, v.isMariaDb(), place, refusedErrno, dataDependent, narrowing, written, notes,
                mdl);
    }

    private void add(DdlKind kind, Ways w) {
        kinds.add(kind);
        ways.add(w);
    }

    /** A table copy: writes blocked, except MariaDB 11.2's online copy ({@code onlineAllowed}: the change permits it). */
    private Exec copy(boolean onlineAllowed) {
        return new Exec(true, v.supportsOnlineCopy() && onlineAllowed ? LockLevel.NONE : LockLevel.SHARED);
    }

    private Exec copy() {
        return copy(true);
    }

    private Ways copyOnly() {
        return new Ways(null, null, copy());
    }

    /** A change of metadata only: INSTANT on MariaDB, in place without a rebuild on MySQL. */
    private Ways metadata() {
        return new Ways(v.metadataChangesAreInstant() ? Ways.NO_REBUILD : null, Ways.NO_REBUILD, copy());
    }

    private Ways instantOr(boolean instant, Exec inplace) {
        return new Ways(instant ? Ways.NO_REBUILD : null, inplace, copy());
    }

    private void action(AlterAction a, Table t, boolean replacesPrimaryKey) {
        if (a instanceof AlterAction.AddColumn ac) addColumn(ac.column(), ac.position(), t);
        else if (a instanceof AlterAction.DropColumn dc) dropColumn(dc.name(), t);
        else if (a instanceof AlterAction.ModifyColumn mc) redefine(mc.column().name(), mc.column(), mc.position(), t);
        else if (a instanceof AlterAction.ChangeColumn cc) redefine(cc.oldName(), cc.column(), cc.position(), t);
        else if (a instanceof AlterAction.RenameColumn rc) renameColumn(rc.from(), t);
        else if (a instanceof AlterAction.ColumnDefault) add(DdlKind.CHANGE_COLUMN_DEFAULT, instantOr(true, Ways.NO_REBUILD));
        else if (a instanceof AlterAction.AddIndex ai) addIndex(ai.index(), t);
        else if (a instanceof AlterAction.DropIndex) add(DdlKind.DROP_INDEX, new Ways(null, Ways.NO_REBUILD, copy()));
        else if (a instanceof AlterAction.DropPrimaryKey) {
            if (replacesPrimaryKey) add(DdlKind.REPLACE_PRIMARY_KEY, new Ways(null, Ways.REBUILD, copy()));
            else add(DdlKind.DROP_PRIMARY_KEY, copyOnly());
        } else if (a instanceof AlterAction.RenameIndex) add(DdlKind.RENAME_INDEX, metadata());
        else if (a instanceof AlterAction.AddForeignKey fk) addForeignKey(fk.foreignKey(), t);
        else if (a instanceof AlterAction.DropForeignKey) add(DdlKind.DROP_FOREIGN_KEY, metadata());
        else if (a instanceof AlterAction.AddCheck) addCheck();
        else if (a instanceof AlterAction.DropConstraint dc) dropConstraint(dc);
        else if (a instanceof AlterAction.TableOptions o) tableOptions(o, t);
        else if (a instanceof AlterAction.ConvertCharset) {
            dataDependent = true;
            add(DdlKind.CONVERT_CHARSET, copyOnly());
        } else if (a instanceof AlterAction.RenameTable) {
            add(DdlKind.RENAME_TABLE, new Ways(new Exec(false, LockLevel.EXCLUSIVE), new Exec(false, LockLevel.EXCLUSIVE), copy()));
        } else if (a instanceof AlterAction.Force) add(DdlKind.REBUILD_TABLE, new Ways(null, Ways.REBUILD, copy()));
        else if (a instanceof AlterAction.Partition p) partition(p);
        else unmodelled(a.getClass().getSimpleName());
    }

    private void unmodelled(String what) {
        kinds.add(DdlKind.UNMODELLED);
        notes.add("not modelled: " + what);
    }

    // ---- columns -----------------------------------------------------------------------------------------------------

    private void addColumn(ColumnDefinition c, Position position, Table t) {
        if (c.generated() == ColumnDefinition.Generated.STORED) {
            add(DdlKind.ADD_COLUMN_STORED, copyOnly());
        } else if (c.generated() == ColumnDefinition.Generated.VIRTUAL) {
            add(DdlKind.ADD_COLUMN_VIRTUAL, instantOr(true, Ways.NO_REBUILD));
        } else if (c.autoIncrement()) {
            notes.add("an AUTO_INCREMENT column is filled in place while writes wait");
            add(DdlKind.ADD_COLUMN_AUTO_INCREMENT, new Ways(null, new Exec(true, LockLevel.SHARED), copy(false)));
        } else if (c.defaultValue() != null && c.defaultValue().kind() == DefaultValue.Kind.EXPRESSION) {
            if (!v.isMariaDb() && schema.binaryLog() && c.defaultValue().nonDeterministic()) {
                refusedErrno = 1674;
                notes.add("DEFAULT " + c.defaultValue().text() + " may differ on a replica: refused while binary logging is on");
            }
            add(DdlKind.ADD_COLUMN_EXPRESSION_DEFAULT, copyOnly());
        } else {
            boolean anywhere = position.isEnd() ? v.supportsInstantAddColumn() : v.supportsInstantAddColumnAnywhere();
            DdlKind kind = position.isEnd() ? DdlKind.ADD_COLUMN : DdlKind.ADD_COLUMN_POSITIONED;
            add(kind, instantColumnChange(anywhere, t));
        }
        if (c.inlineKey() != null) {
            addIndex(new IndexDefinition(c.inlineKey(), c.name(), List.of(new dev.tideline.mysql.model.KeyPart(c.name(), null, null, false))), t);
        }
    }

    /** ADD or DROP COLUMN that may be instant: not on COMPRESSED tables, not past MySQL's row-version limit. */
    private Ways instantColumnChange(boolean instantCapable, Table t) {
        if (t != null && t.hasFulltextIndex()) {
            notes.add("the table has a FULLTEXT index");
            return v.addColumnCopiesWithFulltextIndex() ? copyOnly() : new Ways(null, new Exec(true, LockLevel.SHARED), copy());
        }
        boolean compressed = t != null && t.rowFormat().equals("COMPRESSED");
        Ways w = instantOr(instantCapable && !compressed, Ways.REBUILD);
        if (w.instant() != null && t != null && v.instantRowVersionLimit().isPresent()
                && t.instantVersions() >= v.instantRowVersionLimit().getAsInt()) {
            notes.add(t.instantVersions() + " instant column changes since the last rebuild: the server refuses more"
                    + " (ALTER TABLE " + t.name() + " FORCE resets the count)");
            return w.withoutInstant(4092);
        }
        return w;
    }

    private void dropColumn(String name, Table t) {
        if (t != null && t.indexed(name)) {
            add(DdlKind.DROP_INDEXED_COLUMN, new Ways(null, v.dropsIndexedColumnWithoutRebuild() ? Ways.NO_REBUILD : Ways.REBUILD, copy()));
        } else {
            add(DdlKind.DROP_COLUMN, instantColumnChange(v.supportsInstantDropColumn(), t));
        }
    }

    private void renameColumn(String from, Table t) {
        boolean inForeignKey = t != null && t.inForeignKey(from);
        // the server refuses to copy a table while renaming a column of a foreign key
        add(DdlKind.RENAME_COLUMN, new Ways(v.supportsInstantRenameColumn() ? Ways.NO_REBUILD : null, Ways.NO_REBUILD,
                inForeignKey ? null : copy()));
    }

    /** MODIFY or CHANGE: compared with the column as the schema knows it, one kind per thing that changes. */
    private void redefine(String oldName, ColumnDefinition c, Position position, Table t) {
        Column old = t == null ? null : t.column(oldName);
        if (old == null) {
            notes.add("column " + oldName + " is not in the schema model: assumed a type change");
            dataDependent = true;
            add(DdlKind.CHANGE_COLUMN_TYPE, copyOnly());
            return;
        }
        int before = kinds.size();
        if (!oldName.equalsIgnoreCase(c.name())) renameColumn(oldName, t);
        if (!position.isEnd()) add(DdlKind.REORDER_COLUMN, instantOr(v.supportsInstantReorderColumn(), Ways.REBUILD));
        String newCharset = charsetOf(c, t, old);
        typeChange(old, c.type(), newCharset, t);
        if (old.type().isCharacter() && old.charset() != null && newCharset != null && !old.charset().equals(newCharset)) {
            charsetChange(old, c.type(), newCharset, t);
        } else if (c.writtenCollation() != null && !c.writtenCollation().equalsIgnoreCase(old.collation())) {
            add(DdlKind.CHANGE_COLUMN_COLLATION, metadata());
        }
        boolean nullable = c.nullable() == null ? c.inlineKey() != IndexKind.PRIMARY : c.nullable();
        if (old.nullable() && !nullable) {
            dataDependent = true;
            add(DdlKind.MAKE_COLUMN_NOT_NULL, new Ways(null, Ways.REBUILD, copy()));
        } else if (!old.nullable() && nullable) {
            boolean instant = v.instantNullableOnRedundant() && t.rowFormat().equals("REDUNDANT");
            add(DdlKind.MAKE_COLUMN_NULLABLE, instantOr(instant, Ways.REBUILD));
        }
        if (old.generated() != c.generated()) add(DdlKind.CHANGE_COLUMN_TYPE, copyOnly());
        if (kinds.size() == before) add(DdlKind.CHANGE_COLUMN_DEFAULT, instantOr(true, Ways.NO_REBUILD));
    }

    /** The charset the column will have: as written, from a written collation, else the table's default. */
    private static String charsetOf(ColumnDefinition c, Table t, Column old) {
        if (!c.type().isCharacter()) return null;
        if (c.writtenCharset() != null) return Charsets.canonical(c.writtenCharset());
        if (c.writtenCollation() != null) return Charsets.ofCollation(c.writtenCollation());
        return t.charset() != null ? t.charset() : old.charset();
    }

    private void typeChange(Column old, MySqlType type, String newCharset, Table t) {
        MySqlType from = old.type();
        if (!from.sameBase(type)) {
            dataDependent = true;
            narrowing |= !widens(from, type);
            add(DdlKind.CHANGE_COLUMN_TYPE, copyOnly());
        } else if (from.isEnumOrSet()) {
            enumChange(from.args(), type.args(), from.name().equals("set"));
        } else if (from.isVarchar()) {
            int oldLen = from.length().orElse(0);
            int newLen = type.length().orElse(0);
            if (newLen == oldLen) return;
            int oldBytes = oldLen * Charsets.maxBytes(old.charset());
            int newBytes = newLen * Charsets.maxBytes(newCharset != null ? newCharset : old.charset());
            if (v.extendsVarcharWithoutCopy(oldBytes, newBytes, t.rowFormat().equals("REDUNDANT"))) {
                add(DdlKind.EXTEND_VARCHAR, metadata());
            } else {
                dataDependent |= newLen < oldLen;
                narrowing |= newLen < oldLen;
                if (newLen > oldLen) {
                    notes.add("VARCHAR(" + oldLen + ") → VARCHAR(" + newLen + ") is at most " + oldBytes + " → " + newBytes
                            + " bytes: " + (v.hasMariaDbVarcharExtension()
                            ? "the server extends in place only from at most 127 bytes or up to 255 bytes"
                            : "the length prefix grows from 1 to 2 bytes past 255 bytes, which only a copy can do"));
                }
                add(DdlKind.CHANGE_COLUMN_TYPE, copyOnly());
            }
        } else if (!from.args().equals(type.args()) && !isInteger(from)) {
            dataDependent = true;
            narrowing |= shorter(from.args(), type.args());
            add(DdlKind.CHANGE_COLUMN_TYPE, copyOnly());
        }
    }

    /** Every value of {@code from} fits {@code to}: a larger integer, a longer text type, VARCHAR/CHAR to TEXT. */
    private static boolean widens(MySqlType from, MySqlType to) {
        List<String> ladder = List.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
        List<String> texts = List.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext");
        int a = ladder.indexOf(from.name());
        int b = ladder.indexOf(to.name());
        if (a >= 0 && b >= 0) return b >= a && from.unsigned() == to.unsigned();
        a = texts.indexOf(from.name());
        b = texts.indexOf(to.name());
        return a >= 0 && b > a && b >= texts.indexOf("text");
    }

    /** A length, precision or scale got smaller ({@code DECIMAL(12,2)} → {@code DECIMAL(10,2)}, {@code CHAR(10)} → {@code CHAR(5)}). */
    private static boolean shorter(List<String> from, List<String> to) {
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            try {
                if (Integer.parseInt(to.get(i).strip()) < Integer.parseInt(from.get(i).strip())) return true;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    /** Integer display widths ({@code INT(11)}) change nothing stored. */
    private static boolean isInteger(MySqlType t) {
        return switch (t.name()) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> true;
            default -> false;
        };
    }

    private void enumChange(List<String> from, List<String> to, boolean set) {
        if (from.equals(to)) return;
        boolean appended = to.size() > from.size() && to.subList(0, from.size()).equals(from)
                && storageBytes(from.size(), set) == storageBytes(to.size(), set);
        if (appended) add(DdlKind.APPEND_ENUM_VALUE, instantOr(true, Ways.NO_REBUILD));
        else {
            dataDependent = true;
            narrowing |= !to.containsAll(from);
            add(DdlKind.REORDER_ENUM_VALUES, copyOnly());
        }
    }

    private static int storageBytes(int members, boolean set) {
        if (!set) return members <= 255 ? 1 : 2;
        int bytes = (members + 7) / 8;
        return bytes > 4 ? 8 : bytes;
    }

    private void charsetChange(Column old, MySqlType type, String newCharset, Table t) {
        boolean widen = old.charset().equals("utf8mb3") && newCharset.equals("utf8mb4");
        if (widen && type.isVarchar()) {
            int oldBytes = old.type().length().orElse(0) * 3;
            int newBytes = type.length().orElse(0) * 4;
            widen = v.extendsVarcharWithoutCopy(oldBytes, newBytes, t.rowFormat().equals("REDUNDANT"));
        }
        if (widen) add(DdlKind.WIDEN_COLUMN_CHARSET, metadata());
        else {
            dataDependent = true;
            add(DdlKind.CHANGE_COLUMN_CHARSET, copyOnly());
        }
    }

    // ---- indexes and constraints -------------------------------------------------------------------------------------

    private void addIndex(IndexDefinition index, Table t) {
        switch (index.kind()) {
            case PLAIN -> add(DdlKind.ADD_INDEX, new Ways(null, Ways.NO_REBUILD, copy()));
            case UNIQUE -> {
                dataDependent = true;
                add(DdlKind.ADD_UNIQUE_INDEX, new Ways(null, Ways.NO_REBUILD, copy()));
            }
            case PRIMARY -> {
                dataDependent = true;
                add(DdlKind.ADD_PRIMARY_KEY, new Ways(null, Ways.REBUILD, copy()));
            }
            case FULLTEXT -> {
                boolean first = t == null || !t.hasFulltextIndex();
                if (first) notes.add("the first FULLTEXT index rebuilds the table (hidden FTS_DOC_ID column)");
                add(DdlKind.ADD_FULLTEXT_INDEX, new Ways(null, new Exec(first, LockLevel.SHARED), copy()));
            }
            case SPATIAL -> add(DdlKind.ADD_SPATIAL_INDEX, new Ways(null, new Exec(false, LockLevel.SHARED), copy()));
        }
    }

    private void addForeignKey(ForeignKey fk, Table t) {
        if (schema.foreignKeyChecks()) {
            dataDependent = true;
            notes.add("foreign_key_checks=1: existing rows are checked, by a table copy");
            add(DdlKind.ADD_FOREIGN_KEY, copyOnly());
            return;
        }
        notes.add("foreign_key_checks=0: existing rows are not checked");
        boolean indexed = t != null && !fk.columns().isEmpty() && t.indexed(fk.columns().get(0));
        // without an index on its columns, InnoDB builds one (in place); with one, only metadata changes
        add(DdlKind.ADD_FOREIGN_KEY, indexed ? metadata() : new Ways(null, Ways.NO_REBUILD, copy()));
    }

    private void addCheck() {
        if (v.enforcesCheckConstraints()) {
            dataDependent = true;
            add(DdlKind.ADD_CHECK, copyOnly());
        } else {
            notes.add("this server parses CHECK and ignores it");
            ignored++;
            add(DdlKind.ADD_CHECK, instantOr(true, Ways.NO_REBUILD));
        }
    }

    private void dropConstraint(AlterAction.DropConstraint dc) {
        if (dc.check() ? !v.supportsDropCheck() : !v.supportsDropConstraint()) {
            refusedErrno = 1064;
            notes.add((dc.check() ? "DROP CHECK is a syntax error on MariaDB and before MySQL 8.0.16"
                    : "DROP CONSTRAINT is a syntax error before MySQL 8.0.19") + ": the server refuses the statement");
        }
        add(DdlKind.DROP_CHECK, instantOr(true, Ways.NO_REBUILD));
    }

    // ---- table options and partitions --------------------------------------------------------------------------------

    private void tableOptions(AlterAction.TableOptions o, Table t) {
        for (String key : o.options().keySet()) {
            String value = o.options().get(key);
            switch (key) {
                case "ROW_FORMAT", "KEY_BLOCK_SIZE" -> add(DdlKind.REBUILD_TABLE, new Ways(null, Ways.REBUILD, copy()));
                case "ENGINE" -> {
                    boolean same = t == null ? value.equalsIgnoreCase("InnoDB") : value.equalsIgnoreCase(t.engine());
                    add(DdlKind.REBUILD_TABLE, same ? new Ways(null, Ways.REBUILD, copy()) : copyOnly());
                }
                case "CHARSET", "COLLATE" -> add(DdlKind.TABLE_DEFAULT_CHARSET, metadata());
                default -> add(DdlKind.TABLE_METADATA_OPTION, metadata());
            }
        }
    }

    private void partition(AlterAction.Partition p) {
        switch (p.command()) {
            case ADD -> add(DdlKind.ADD_PARTITION, new Ways(null, Ways.NO_REBUILD, copy()));
            case DROP -> {
                notes.add("DROP PARTITION deletes the partition's rows");
                add(DdlKind.DROP_PARTITION, new Ways(null, Ways.NO_REBUILD, copy()));
            }
            case TRUNCATE -> add(DdlKind.TRUNCATE_PARTITION, new Ways(null, Ways.REBUILD, copy()));
            case REORGANIZE, COALESCE -> add(DdlKind.REORGANIZE_PARTITION, new Ways(null, new Exec(false, LockLevel.SHARED), copy()));
            default -> unmodelled(p.command().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " partition");
        }
    }
}
