package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Operation.AlterColumnType;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

@RuleInfo(id = "column-type-rewrite", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "ALTER COLUMN TYPE that rewrites or re-checks the table holds an ACCESS EXCLUSIVE lock throughout.")
public final class ColumnTypeRewrite implements Rule {
    @Override
    public void check(RuleContext ctx) {
        SettingTracker timezone = new SettingTracker("timezone");
        // by identity: a record's own hash would walk each statement's whole analysis
        Set<StatementUnit> utc = Collections.newSetFromMap(new IdentityHashMap<>());
        for (StatementUnit u : ctx.statements()) {
            timezone.accept(u);
            if (isUtc(timezone.value(u))) utc.add(u);
        }
        for (var h : Hit.onExisting(ctx, AlterColumnType.class)) {
            AlterColumnType a = h.operation();
            if (utc.contains(h.at()) && timestampZoneOnly(h.at(), a)) continue;
            // Binary-coercible changes (varchar(n) to a larger n or text, numeric precision increases…) are
            // catalog-only: the lock model knows them from the schema model and reports neither rewrite nor scan.
            if (h.effectKnown() && !h.op().effect().rewrite() && !h.op().effect().scan()) continue;
            boolean rewrite = !h.effectKnown() || h.op().effect().rewrite();
            String t = a.table().toString();
            ctx.report(h.at(), h.op(), "changing " + t + "." + a.column() + " to " + a.newType()
                    + (rewrite ? " rewrites the table and its indexes" : " re-checks every row")
                    + " while holding ACCESS EXCLUSIVE: reads and writes wait until it finishes",
                    "-- expand/contract instead (see `tideline plan`):\n"
                            + "ALTER TABLE " + t + " ADD COLUMN " + a.column() + "_new " + a.newType() + ";\n"
                            + "-- sync new writes with a trigger, backfill in batches, switch readers, then drop the old column");
        }
    }

    /**
     * timestamp ↔ timestamptz with no USING expression but the column itself: binary-coercible when the session
     * TimeZone is UTC (PostgreSQL 12+), so neither rewrite nor scan.
     */
    private static boolean timestampZoneOnly(StatementUnit at, AlterColumnType a) {
        if (a.using() != null && !a.using().replace("\"", "").trim().equalsIgnoreCase(a.column().replace("\"", ""))) return false;
        String from = at.schema().table(a.table()).map(t -> t.columns().get(a.column())).map(c -> c.type()).orElse(null);
        boolean fromTz = Types.isTimestampWithZone(from);
        boolean toTz = Types.isTimestampWithZone(a.newType());
        return (fromTz && Types.isTimestampWithoutZone(a.newType())) || (toTz && Types.isTimestampWithoutZone(from));
    }

    private static boolean isUtc(String zone) {
        return zone != null && UTC.contains(zone.toUpperCase(Locale.ROOT));
    }

    private static final Set<String> UTC = Set.of("UTC", "ETC/UTC", "UCT", "ETC/UCT", "ZULU", "ETC/ZULU", "GMT", "ETC/GMT",
            "UNIVERSAL", "ETC/UNIVERSAL", "Z");
}
