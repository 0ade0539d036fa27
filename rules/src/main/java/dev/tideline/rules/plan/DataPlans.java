package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.ColumnModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Data changes: an UPDATE of a table in use becomes a batched, idempotent, resumable, throttled job. */
final class DataPlans {
    private DataPlans() {}

    static List<Stage> batched(Ctx ctx, Operation.Dml d) {
        TableRef table = d.table();
        if (d.kind() == Operation.DmlKind.DELETE) {
            ctx.noSafePath("DELETE on " + table + " is not batched automatically: delete in keyset batches (DELETE … WHERE key IN"
                    + " (SELECT key … ORDER BY key LIMIT n)), one short transaction each");
            return List.of();
        }
        String[] parts = SqlText.update(ctx.statement.statement().text());
        if (parts == null) {
            ctx.noSafePath("UPDATE on " + table + " (with FROM, RETURNING or a cursor) is not batched automatically: rewrite it as"
                    + " keyset batches, one short transaction each");
            return List.of();
        }
        List<String> assignments = SqlText.split(parts[0], ',');
        List<String> changed = new ArrayList<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            String column = eq < 0 ? "" : a.substring(0, eq).strip();
            if (eq < 0 || column.startsWith("(")) {
                ctx.noSafePath("UPDATE on " + table + " assigns several columns at once: not batched automatically");
                return List.of();
            }
            String value = a.substring(eq + 1).strip();
            if (Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(column) + "(?![\\w$])").matcher(value).find()) {
                ctx.note("the UPDATE of " + table + "." + column + " reads the column it writes: a re-run batch applies it"
                        + " twice — resume an interrupted run from its checkpoint (tideline backfill), do not restart it");
            }
            if (value.matches("(?is).*\\b(random|clock_timestamp|gen_random_uuid|uuid_generate_v4|nextval)\\s*\\(.*")) {
                ctx.note("the UPDATE of " + table + "." + column + " uses a volatile value: re-running rewrites rows already done");
            }
            changed.add(column + " IS DISTINCT FROM (" + value + ")");
        }
        String notDone = "(" + String.join(" OR ", changed) + ")";
        if (parts[1] != null) notDone = "(" + parts[1] + ") AND " + notDone;
        Optional<Step> job = fill(ctx, table, parts[0], notDone,
                "the same UPDATE in keyset batches, one short transaction each: row locks last one batch, rows already"
                        + " done are skipped, an interrupted run resumes, pg_sleep throttles");
        if (job.isEmpty()) return List.of();
        Step verify = ctx.steps.verify("SELECT count(*) FROM " + Quoting.table(table) + " WHERE " + notDone,
                "rows of " + table + " the UPDATE has not reached");
        return List.of(new Stage(null, "Backfill finished: 0 rows of " + table + " where " + notDone + ".",
                List.of(job.get(), verify)));
    }

    /** A batched UPDATE job over the table's key, or empty (with a note) when the table has no single-column key. */
    static Optional<Step> fill(Ctx ctx, TableRef table, String setClause, String whereNotDone, String reason) {
        Optional<ColumnModel> key = ctx.key(table);
        if (key.isEmpty()) {
            ctx.noSafePath("no safe batched path for " + table + ": it has no single-column primary key or unique NOT NULL column"
                    + " to walk in batches; least-bad: add one (e.g. an identity column) first, or batch by ctid ranges by hand");
            return Optional.empty();
        }
        Backfill job = new Backfill(Quoting.table(table), Quoting.ident(key.get().name()), setClause, whereNotDone, null, null,
                ctx.options.batchSize(), ctx.options.batchPauseMs());
        return Optional.of(ctx.steps.backfill(job, variableType(key.get().type()), reason));
    }

    /** The type of a PL/pgSQL variable holding a key value (serial types are not types). */
    static String variableType(String type) {
        return switch (type) {
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            case "smallserial", "serial2" -> "smallint";
            default -> type;
        };
    }
}
