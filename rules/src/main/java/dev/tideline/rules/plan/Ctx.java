package dev.tideline.rules.plan;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.analyzer.schema.IndexModel;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.schema.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a plan kind needs about the statement it plans: options, step builder, schema, notes. */
final class Ctx {
    final PlannerOptions options;
    final Steps steps;
    final FileAnalysis file;
    final AnalyzedStatement statement;
    final FileFacts facts;
    private final List<String> notes;
    private final List<String> noSafePath;
    private final SchemaView schema;

    Ctx(PlannerOptions options, FileAnalysis file, AnalyzedStatement statement, FileFacts facts, List<String> notes,
        List<String> noSafePath) {
        this(options, file, statement, facts, notes, noSafePath, statement.schemaBefore());
    }

    private Ctx(PlannerOptions options, FileAnalysis file, AnalyzedStatement statement, FileFacts facts, List<String> notes,
                List<String> noSafePath, SchemaView schema) {
        this.options = options;
        this.steps = new Steps(options);
        this.file = file;
        this.statement = statement;
        this.facts = facts;
        this.notes = notes;
        this.noSafePath = noSafePath;
        this.schema = schema;
    }

    SchemaView schema() {
        return schema;
    }

    /**
     * The same statement seen with the schema the running release uses (before this file): what the file drops
     * earlier to make room for a change is still there until that change's switch.
     */
    Ctx atFileStart() {
        return facts.atStart() == null ? this : new Ctx(options, file, statement, facts, notes, noSafePath, facts.atStart());
    }

    String where() {
        return Ctx.shortName(file.file()) + ":" + statement.statement().line();
    }

    /** The file name, with its folder when the name alone says nothing (Prisma, Diesel: migration.sql, up.sql). */
    static String shortName(java.nio.file.Path file) {
        String name = String.valueOf(file.getFileName());
        java.nio.file.Path parent = file.getParent();
        boolean generic = name.equals("migration.sql") || name.equals("up.sql") || name.equals("down.sql");
        return generic && parent != null && parent.getFileName() != null ? parent.getFileName() + "/" + name : name;
    }

    void note(String text) {
        notes.add(where() + ": " + text);
    }

    /** A change left out of the plan (or planned only with a break) because no safe order exists: said as a note too. */
    void noSafePath(String text) {
        note(text);
        noSafePath.add(where() + ": " + text);
    }

    Optional<TableModel> table(TableRef ref) {
        return schema().table(ref);
    }

    Optional<ColumnModel> column(TableRef ref, String column) {
        return table(ref).map(t -> t.columns().get(column));
    }

    /** A single not-null unique column to walk batches by: the primary key, else a unique index on a NOT NULL column. */
    Optional<ColumnModel> key(TableRef ref) {
        Optional<TableModel> t = table(ref);
        if (t.isEmpty()) return Optional.empty();
        for (ConstraintDef c : t.get().constraints()) {
            if (c.kind() == ConstraintDef.Kind.PRIMARY_KEY && c.columns().size() == 1) {
                ColumnModel col = t.get().columns().get(c.columns().get(0));
                if (col != null) return Optional.of(col);
            }
        }
        for (IndexModel i : t.get().indexes()) {
            if (!i.unique() || i.where() != null || i.columns().size() != 1) continue;
            ColumnModel col = t.get().columns().get(i.columns().get(0));
            if (col != null && col.notNull()) return Optional.of(col);
        }
        return Optional.empty();
    }

    /** Indexes of the table whose key includes the column (not expression indexes). */
    List<IndexModel> indexesOn(TableRef ref, String column) {
        List<IndexModel> out = new ArrayList<>();
        table(ref).ifPresent(t -> t.indexes().stream().filter(i -> i.columns().contains(column)).forEach(out::add));
        return out;
    }

    /** Foreign keys of other tables (and this one) that reference the column. */
    List<Referencing> referencing(TableRef ref, String column) {
        List<Referencing> out = new ArrayList<>();
        for (TableModel t : schema().tables()) {
            for (ConstraintDef c : t.constraints()) {
                if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY || c.referencedTable() == null) continue;
                if (!c.referencedTable().sameAs(ref)) continue;
                List<String> refCols = c.referencedColumns();
                boolean hits = refCols == null || refCols.isEmpty() ? isPrimaryKey(ref, column) : refCols.contains(column);
                if (hits) out.add(new Referencing(t.ref(), c));
            }
        }
        return out;
    }

    boolean isPrimaryKey(TableRef ref, String column) {
        return primaryKey(ref).map(c -> c.columns().equals(List.of(column))).orElse(false);
    }

    Optional<ConstraintDef> primaryKey(TableRef ref) {
        return table(ref).flatMap(t -> t.constraints().stream()
                .filter(c -> c.kind() == ConstraintDef.Kind.PRIMARY_KEY).findFirst());
    }

    record Referencing(TableRef table, ConstraintDef constraint) {}
}
