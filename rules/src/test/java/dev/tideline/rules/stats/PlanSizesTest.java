package dev.tideline.rules.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.Phase;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanSizesTest {
    static Step backfillOf(String table) {
        Backfill job = new Backfill(table, "id", "note = sku", "note IS NULL", null, null, 5000, 100);
        return new Step(Phase.BACKFILL, "DO $$ BEGIN END $$;", List.of(), "backfill", false, false, job);
    }

    @Test
    void eachBackfillGetsItsBatchCountFromTheLiveRowEstimate() {
        Plan plan = new Plan(List.of(new Release(1, "write both", "verified", List.of(backfillOf("public.orders"), backfillOf("events")))),
                List.of("planner note"), List.of());
        SizeRisk sizes = new SizeRisk(Map.of(
                new TableRef("public", "orders"), new TableSize(4_200_000, 900L * 1024 * 1024),
                TableRef.of("events"), new TableSize(-1, 8_192)));
        List<String> notes = PlanSizes.annotate(plan, sizes).notes();
        assertEquals(List.of("planner note",
                "Release 1 backfill of public.orders (~4.2M rows, 900.0 MB): about 840 batches of 5,000 rows; the pauses alone add 1 min.",
                "Release 1 backfill of events (rows unknown, 8.0 kB): row count unknown (never analysed), so the number of batches is unknown."),
                notes);
    }

    @Test
    void tablesWithoutStatisticsAddNothing() {
        Plan plan = new Plan(List.of(new Release(1, "", "", List.of(backfillOf("items")))), List.of(), List.of());
        assertEquals(List.of(), PlanSizes.annotate(plan, new SizeRisk(Map.of())).notes());
    }
}
