package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
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
        Keys later = null; // made for the first foreign key that needs it
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
                            "-- outside a transaction:\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "
                                    + Quoting.ident(fk.table().name() + "_" + String.join("_", fk.columns()) + "_idx")
                                    + " ON " + Quoting.table(fk.table()) + " (" + Fixes.cols(fk.columns()) + ");");
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
    private static boolean coveredLater(RuleContext ctx, Keys inFile, StatementUnit u, ForeignKey fk) {
        if (fk.table() == null) return false;
        return inFile.coveredAfter(u, fk)
                || ctx.perAnalysis(Keys.class, () -> analysisKeys(ctx.analysis())).coveredAfter(ctx.file(), fk);
    }

    private static boolean createsKey(Operation o, ForeignKey fk) {
        if (o instanceof Operation.CreateIndex ci && fk.table().sameAs(ci.table()) && ci.where() == null
                && covers(ci.columns(), fk.columns())) return true;
        return o instanceof Operation.AddConstraint ac && fk.table().sameAs(ac.table())
                && isKey(ac.constraint()) && covers(ac.constraint().columns(), fk.columns());
    }

    /** An index or key constraint, with the position of the place that creates it (a statement, or a file). */
    private record LaterKey(int position, Operation operation) {}

    /**
     * Keys by table name, and the position of each place that may create one: the statements of a file, or the files
     * of an analysis. Built in one pass, not once per foreign key (10,000 foreign keys in one file took 3.4 s, and
     * searching every file for each made a run quadratic in its statements).
     *
     * @param positions by identity: a statement's or a file's record is compared deeply otherwise
     */
    private record Keys(Map<Object, Integer> positions, Map<String, List<LaterKey>> byTable) {
        /** Whether a key covering {@code fk} is created after {@code place}; a place not listed comes after all. */
        boolean coveredAfter(Object place, ForeignKey fk) {
            int at = positions.getOrDefault(place, Integer.MAX_VALUE);
            for (LaterKey k : byTable.getOrDefault(fk.table().name(), List.of())) {
                if (k.position() > at && createsKey(k.operation(), fk)) return true;
            }
            return false;
        }
    }

    /** The keys of a file, by statement (top-level and nested, as rules see them). */
    private static Keys fileKeys(List<StatementUnit> units) {
        Map<Object, Integer> positions = new IdentityHashMap<>();
        Map<String, List<LaterKey>> byTable = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            positions.put(units.get(i), i);
            for (AnalyzedOperation op : units.get(i).operations()) index(byTable, i, op.operation());
        }
        return new Keys(positions, byTable);
    }

    /** The keys of an analysis, by file (DO blocks included). */
    private static Keys analysisKeys(Analysis analysis) {
        Map<Object, Integer> positions = new IdentityHashMap<>();
        Map<String, List<LaterKey>> byTable = new HashMap<>();
        List<FileAnalysis> files = analysis.files();
        for (int f = 0; f < files.size(); f++) {
            positions.put(files.get(f), f);
            for (AnalyzedStatement s : files.get(f).statements()) {
                for (AnalyzedOperation op : s.operations()) {
                    index(byTable, f, op.operation());
                    if (op.operation() instanceof Operation.DoBlock block) {
                        for (NestedStatement n : block.allStatements()) for (Operation o : n.operations()) index(byTable, f, o);
                    }
                }
            }
        }
        return new Keys(positions, byTable);
    }

    private static void index(Map<String, List<LaterKey>> byTable, int position, Operation o) {
        TableRef table = o instanceof Operation.CreateIndex ci ? ci.table()
                : o instanceof Operation.AddConstraint ac && isKey(ac.constraint()) ? ac.table() : null;
        if (table != null) byTable.computeIfAbsent(table.name(), n -> new ArrayList<>()).add(new LaterKey(position, o));
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
