package dev.tideline.rules.stats;

import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Live table sizes applied to a plan: how many batches each backfill will run and how long its pauses alone last,
 * so the team can schedule the release gate (a 40 GB table's backfill is a job of hours, a lookup table's is not).
 */
public final class PlanSizes {
    private PlanSizes() {}

    public static Plan annotate(Plan plan, SizeRisk sizes) {
        List<String> notes = new ArrayList<>(plan.notes());
        for (Release release : plan.releases()) {
            for (Step step : release.steps()) {
                Backfill job = step.backfill();
                if (job == null) continue;
                sizes.of(ref(job.table())).ifPresent(size -> notes.add(estimate(release.number(), job, size)));
            }
        }
        return new Plan(plan.releases(), notes, plan.noSafePath());
    }

    private static TableRef ref(String table) {
        int dot = table.lastIndexOf('.');
        return dot < 0 ? TableRef.of(table) : new TableRef(table.substring(0, dot), table.substring(dot + 1));
    }

    static String estimate(int release, Backfill job, TableSize size) {
        String what = "Release " + release + " backfill of " + job.table() + " (" + size.describe() + ")";
        if (size.rows() < 0) return what + ": row count unknown (never analysed), so the number of batches is unknown.";
        long batches = Math.max(1, (size.rows() + job.batchSize() - 1) / job.batchSize());
        double pauseSeconds = batches * job.pauseMs() / 1000.0;
        return what + String.format(Locale.ROOT, ": about %,d batch%s of %,d rows; the pauses alone add %s.", batches,
                batches == 1 ? "" : "es", job.batchSize(), duration(pauseSeconds));
    }

    private static String duration(double seconds) {
        if (seconds < 60) return String.format(Locale.ROOT, "%.0f s", seconds);
        if (seconds < 3600) return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
