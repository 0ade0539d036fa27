package dev.tideline.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.analyzer.files.SmallFile;
import dev.tideline.rules.plan.Backfill;
import java.nio.file.Path;

/** Reads one backfill job out of the JSON that {@code tideline plan --format json} writes (docs/plan-json.md). */
final class PlanFile {
    /** Far above the plan of the largest migration file tideline reads; a device or a FIFO is never read. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final String EXPECTED = "a plan written by `tideline plan --format json`";

    private PlanFile() {}

    /**
     * Step {@code number} counts steps across releases from 1, as {@code tideline plan} prints them. Its values are
     * checked as the options that can replace them are; a bad one is named by its JSON pointer.
     */
    static Backfill backfillStep(Path file, int number) {
        JsonNode root = read(file);
        int k = 0;
        JsonNode releases = root.path("releases");
        for (int r = 0; r < releases.size(); r++) {
            JsonNode release = releases.get(r);
            JsonNode steps = release.path("steps");
            for (int s = 0; s < steps.size(); s++) {
                if (++k != number) continue;
                JsonNode step = steps.get(s);
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
                String at = file + ": /releases/" + r + "/steps/" + s + "/backfill/";
                return new Backfill(b.path("table").asText(), b.path("key_column").asText(), b.path("set").asText(),
                        b.path("where_not_done").asText(), null, null,
                        whole(at + "batch_size", b.path("batch_size"), 5000, 1, "--batch-size"),
                        whole(at + "pause_ms", b.path("pause_ms"), 100, 0, "--pause"));
            }
        }
        throw new Main.UserError(file + ": there is no step " + number + " (the plan has " + k + " steps)");
    }

    private static JsonNode read(Path file) {
        String text;
        try {
            text = SmallFile.read(file, MAX_BYTES);
        } catch (SmallFile.RefusedException e) {
            throw new Main.UserError(file + ": " + switch (e.problem()) {
                case NOT_A_REGULAR_FILE -> "not a regular file: " + EXPECTED + " was expected";
                case TOO_LARGE -> "over " + MAX_BYTES / (1024 * 1024) + " MB: not " + EXPECTED;
                case NOT_UTF8 -> "not UTF-8 text: " + EXPECTED + " was expected";
                case UNREADABLE -> "cannot read the plan: " + e.getMessage();
            });
        }
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new Main.UserError(file + where + ": not " + EXPECTED + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** A whole number from {@code min} up (absent: {@code absent}), as the option {@code option} takes it. */
    private static int whole(String at, JsonNode value, int absent, int min, String option) {
        if (value.isMissingNode()) return absent;
        if (!value.isIntegralNumber()) throw new Main.UserError(at + ": " + value + ": a whole number is expected, as for " + option);
        if (!value.canConvertToInt()) throw new Main.UserError(at + ": " + value + ": at most " + Integer.MAX_VALUE + " is expected");
        if (value.intValue() < min) throw new Main.UserError(at + ": " + value + ": " + min + " or more is expected, as for " + option);
        return value.intValue();
    }
}
