package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.analyzer.schema.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DROP SEQUENCE of a sequence the running release's INSERTs draw from: only after nothing uses it. */
final class SequencePlans {
    private static final Pattern NEXTVAL = Pattern.compile("(?i)nextval\\('((?:[^']|'')+)'(?:::regclass)?\\)");

    private SequencePlans() {}

    /** The sequence PostgreSQL creates for a serial column (names within 63 bytes: longer ones it shortens). */
    static String serialSequence(TableRef table, String column) {
        return table.name() + "_" + column + "_seq";
    }

    record Use(TableRef table, String column) {}

    /** Columns whose default, as the running release has it, draws from the dropped sequence. */
    static List<Use> usedBy(Ctx ctx, Operation.ObjectChange drop) {
        List<Use> out = new ArrayList<>();
        if (drop.table() == null) return out;
        Ctx start = ctx.atFileStart();
        for (TableModel t : start.schema().tables()) {
            for (ColumnModel c : t.columns().values()) {
                if (c.defaultExpr() == null) continue;
                if (c.defaultExpr().equals(ColumnModel.SERIAL_DEFAULT) && serialSequence(t.ref(), c.name()).equals(drop.table().name())) {
                    out.add(new Use(t.ref(), c.name()));
                }
                Matcher m = NEXTVAL.matcher(c.defaultExpr());
                while (m.find()) {
                    if (sameSequence(m.group(1).replace("''", "'"), drop.table())) out.add(new Use(t.ref(), c.name()));
                }
            }
        }
        return out;
    }

    /** {@code regclass} text such as {@code "Folder_id_seq"} or {@code public.folder_id_seq} against the dropped name. */
    private static boolean sameSequence(String regclass, TableRef dropped) {
        String name = regclass.contains(".") && !regclass.startsWith("\"") ? regclass.substring(regclass.lastIndexOf('.') + 1) : regclass;
        if (name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        else name = name.toLowerCase(java.util.Locale.ROOT);
        return name.equals(dropped.name());
    }

    /**
     * When this file also takes the default off every column that uses the sequence, the drop is contract after
     * those changes (release 3: after a type change's old column is gone); otherwise no order is safe.
     */
    static List<Stage> drop(Ctx ctx, Operation.ObjectChange drop) {
        List<Use> uses = usedBy(ctx, drop);
        List<Use> kept = uses.stream().filter(u -> !ctx.facts.dropsDefault(u.table(), u.column())).toList();
        if (!kept.isEmpty()) {
            ctx.noSafePath("no safe path for DROP SEQUENCE " + drop.table() + ": the default of " + kept.get(0).table() + "."
                    + kept.get(0).column() + " draws from it and the running release's INSERTs rely on it — drop that"
                    + " default first (its own release), then the sequence");
            return List.of();
        }
        Step step = ctx.steps.ddl(Phase.CONTRACT, "DROP SEQUENCE IF EXISTS " + Quoting.table(drop.table())
                        + (drop.cascade() ? " CASCADE" : ""), List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, drop.table())),
                "contract: no column default draws from the sequence any more (a catalog change)");
        return List.of(new Stage(null, null, List.of()), new Stage(null, null, List.of()), Stage.of(null, null, step));
    }
}
