package dev.tideline.rules.checks;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.IndexModel;
import dev.tideline.analyzer.schema.TableModel;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@RuleInfo(id = "foreign-key-without-index", category = Category.SCHEMA_DESIGN, severity = Severity.WARNING,
        summary = "Foreign key columns with no index: every delete or key update on the parent scans the child table.")
public final class ForeignKeyWithoutIndex implements Rule {
    private static final Pattern ORDERING = Pattern.compile("(?i)\\s+(asc|desc)(\\s+nulls\\s+(first|last))?$");

    private record ForeignKey(TableRef table, List<String> columns, TableRef parent) {}

    @Override
    public void check(RuleContext ctx) {
        FileKeys later = null; // made for the first foreign key that needs it
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                for (ForeignKey fk : foreignKeys(op.operation())) {
                    if (fk.columns().isEmpty() || coveredBefore(u, fk) || coveredInStatement(op.operation(), fk)) continue;
                    if (later == null) later = fileKeys(ctx.statements());
                    if (coveredLater(ctx, later, u, fk)) continue;
                    String cols = String.join(", ", fk.columns());
                    ctx.report(u, op, "foreign key " + fk.table() + " (" + cols + ") → " + fk.parent()
                            + " has no index on " + cols + ": each DELETE or key UPDATE on " + fk.parent()
                            + " scans " + fk.table() + " (under its locks), and joins on the key are slow",
                            "-- outside a transaction:\nCREATE INDEX CONCURRENTLY IF NOT EXISTS " + fk.table().name() + "_"
                                    + String.join("_", fk.columns()) + "_idx ON " + fk.table() + " (" + cols + ");");
                }
            }
        }
    }

    private static List<ForeignKey> foreignKeys(Operation o) {
        List<ForeignKey> out = new ArrayList<>();
        if (o instanceof Operation.CreateTable c) {
            for (ConstraintDef k : c.constraints()) add(out, c.table(), k, null);
            for (ColumnDef col : c.columns()) for (ConstraintDef k : col.inlineConstraints()) add(out, c.table(), k, col.name());
        } else if (o instanceof Operation.AddConstraint a) {
            add(out, a.table(), a.constraint(), null);
        } else if (o instanceof Operation.AddColumn a) {
            for (ConstraintDef k : a.column().inlineConstraints()) add(out, a.table(), k, a.column().name());
        }
        return out;
    }

    private static void add(List<ForeignKey> out, TableRef table, ConstraintDef k, String column) {
        if (k.kind() != ConstraintDef.Kind.FOREIGN_KEY) return;
        List<String> cols = k.columns().isEmpty() && column != null ? List.of(column) : k.columns();
        out.add(new ForeignKey(table, cols, k.referencedTable()));
    }

    private static boolean coveredBefore(StatementUnit u, ForeignKey fk) {
        TableModel t = u.schema().table(fk.table()).orElse(null);
        if (t == null) return false;
        for (IndexModel i : t.indexes()) if (covers(i.columns(), fk.columns()) && i.where() == null) return true;
        for (ConstraintDef c : t.constraints()) if (isKey(c) && covers(c.columns(), fk.columns())) return true;
        return false;
    }

    /** A primary key or unique constraint declared in the same CREATE TABLE / ADD COLUMN. */
    private static boolean coveredInStatement(Operation o, ForeignKey fk) {
        if (o instanceof Operation.CreateTable c) {
            for (ConstraintDef k : c.constraints()) if (isKey(k) && covers(k.columns(), fk.columns())) return true;
            for (ColumnDef col : c.columns()) {
                for (ConstraintDef k : col.inlineConstraints()) {
                    if (isKey(k) && covers(List.of(col.name()), fk.columns())) return true;
                }
            }
        } else if (o instanceof Operation.AddColumn a) {
            for (ConstraintDef k : a.column().inlineConstraints()) {
                if (isKey(k) && covers(List.of(a.column().name()), fk.columns())) return true;
            }
        }
        return false;
    }

    /** An index created later in this file (DO blocks included) or in a later file of the analysis (its migration set). */
    private static boolean coveredLater(RuleContext ctx, FileKeys inFile, StatementUnit u, ForeignKey fk) {
        if (fk.table() == null) return false;
        int at = inFile.positions().get(u);
        for (LaterKey k : inFile.byTable().getOrDefault(fk.table().name(), List.of())) {
            if (k.file() > at && createsKey(k.operation(), fk)) return true;
        }
        KeyIndex keys = ctx.perAnalysis(KeyIndex.class, () -> keyIndex(ctx.analysis()));
        int file = keys.ordinals().getOrDefault(ctx.file(), Integer.MAX_VALUE);
        for (LaterKey k : keys.byTable().getOrDefault(fk.table().name(), List.of())) {
            if (k.file() > file && createsKey(k.operation(), fk)) return true;
        }
        return false;
    }

    private static boolean createsKey(Operation o, ForeignKey fk) {
        if (o instanceof Operation.CreateIndex ci && fk.table().sameAs(ci.table()) && ci.where() == null
                && covers(ci.columns(), fk.columns())) return true;
        return o instanceof Operation.AddConstraint ac && fk.table().sameAs(ac.table())
                && isKey(ac.constraint()) && covers(ac.constraint().columns(), fk.columns());
    }

    /**
     * An index or key constraint created in a file (DO blocks included), with the file's position in the run; or, in
     * {@link FileKeys}, created by a statement, with the statement's position in its file.
     */
    private record LaterKey(int file, Operation operation) {}

    /**
     * This file's keys by table name, and each statement's position: one pass over the file instead of one per foreign
     * key (10,000 foreign keys in one file took 3.4 s).
     */
    private record FileKeys(Map<StatementUnit, Integer> positions, Map<String, List<LaterKey>> byTable) {}

    private static FileKeys fileKeys(List<StatementUnit> units) {
        Map<StatementUnit, Integer> positions = new IdentityHashMap<>();
        Map<String, List<LaterKey>> byTable = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            positions.put(units.get(i), i);
            for (AnalyzedOperation op : units.get(i).operations()) index(byTable, i, op.operation());
        }
        return new FileKeys(positions, byTable);
    }

    /**
     * The keys of the analysis, by table name, and each file's position: one pass over the analysis instead of one per
     * foreign key (which made a run quadratic in its number of statements).
     */
    private record KeyIndex(Map<FileAnalysis, Integer> ordinals, Map<String, List<LaterKey>> byTable) {}

    private static KeyIndex keyIndex(Analysis analysis) {
        Map<FileAnalysis, Integer> ordinals = new IdentityHashMap<>();
        Map<String, List<LaterKey>> byTable = new HashMap<>();
        List<FileAnalysis> files = analysis.files();
        for (int f = 0; f < files.size(); f++) {
            ordinals.put(files.get(f), f);
            for (AnalyzedStatement s : files.get(f).statements()) {
                for (AnalyzedOperation op : s.operations()) {
                    index(byTable, f, op.operation());
                    if (op.operation() instanceof Operation.DoBlock block) {
                        for (NestedStatement n : block.body()) for (Operation o : n.operations()) index(byTable, f, o);
                    }
                }
            }
        }
        return new KeyIndex(ordinals, byTable);
    }

    private static void index(Map<String, List<LaterKey>> byTable, int file, Operation o) {
        TableRef table = o instanceof Operation.CreateIndex ci ? ci.table()
                : o instanceof Operation.AddConstraint ac && isKey(ac.constraint()) ? ac.table() : null;
        if (table != null) byTable.computeIfAbsent(table.name(), n -> new ArrayList<>()).add(new LaterKey(file, o));
    }

    private static boolean isKey(ConstraintDef c) {
        return c.kind() == ConstraintDef.Kind.PRIMARY_KEY || c.kind() == ConstraintDef.Kind.UNIQUE;
    }

    /** The index's leading columns are exactly the foreign key's columns, in any order. */
    static boolean covers(List<String> indexColumns, List<String> fkColumns) {
        if (indexColumns.size() < fkColumns.size()) return false;
        Set<String> lead = new HashSet<>();
        for (int i = 0; i < fkColumns.size(); i++) lead.add(norm(indexColumns.get(i)));
        Set<String> want = new HashSet<>();
        for (String c : fkColumns) want.add(norm(c));
        return lead.equals(want);
    }

    private static String norm(String column) {
        return ORDERING.matcher(column.trim().replace("\"", "")).replaceAll("")
                .toLowerCase(Locale.ROOT);
    }
}
