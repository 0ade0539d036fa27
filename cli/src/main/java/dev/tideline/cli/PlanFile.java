package dev.tideline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.rules.plan.Backfill;
import java.io.IOException;
import java.nio.file.Path;

/** Reads one backfill job out of the JSON that {@code tideline plan --format json} writes (docs/plan-json.md). */
final class PlanFile {
    private PlanFile() {}

    /** Step {@code number} counts steps across releases from 1, as {@code tideline plan} prints them. */
    static Backfill backfillStep(Path file, int number) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new Main.UserError(file + ": not a plan written by `tideline plan --format json`: " + e.getMessage().lines().findFirst().orElse(""));
        }
        int k = 0;
        for (JsonNode release : root.path("releases")) {
            for (JsonNode step : release.path("steps")) {
                if (++k != number) continue;
                JsonNode b = step.path("backfill");
                if (b.isMissingNode()) {
                    throw new Main.UserError(file + ": step " + number + " (" + step.path("phase").asText() + ", release "
                            + release.path("number").asText() + ") is not a backfill");
                }
                if (b.has("copy_into")) {
                    throw new Main.UserError(file + ": step " + number + " copies rows into " + b.path("copy_into").asText()
                            + ": run its SQL (tideline backfill runs UPDATE jobs)");
                }
                for (String field : new String[] {"table", "key_column", "set", "where_not_done"}) {
                    if (!b.path(field).isTextual() || b.path(field).asText().isBlank()) {
                        throw new Main.UserError(file + ": step " + number + ": the backfill has no \"" + field + "\"");
                    }
                }
                return new Backfill(b.path("table").asText(), b.path("key_column").asText(), b.path("set").asText(),
                        b.path("where_not_done").asText(), null, null, b.path("batch_size").asInt(5000),
                        b.path("pause_ms").asInt(100));
            }
        }
        throw new Main.UserError(file + ": there is no step " + number + " (the plan has " + k + " steps)");
    }
}
