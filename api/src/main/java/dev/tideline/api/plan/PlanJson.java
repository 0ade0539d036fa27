package dev.tideline.api.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;

/** The plan as stable JSON, documented in docs/plan-json.md. */
public final class PlanJson {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {}

    public static String render(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode releases = root.putArray("releases");
        for (Release r : plan.releases()) {
            ObjectNode rel = releases.addObject();
            rel.put("number", r.number());
            rel.put("app_change", r.appChange());
            rel.put("gate", r.gate());
            ArrayNode steps = rel.putArray("steps");
            for (Step s : r.steps()) {
                ObjectNode st = steps.addObject();
                st.put("phase", s.phase().id());
                st.put("sql", s.sql());
                ArrayNode locks = st.putArray("locks");
                s.locks().forEach(locks::add);
                st.put("reason", s.reason());
                st.put("needs_retry", s.needsRetry());
                st.put("transactional", s.transactional());
                if (s.backfill() != null) st.set("backfill", backfill(s.backfill()));
            }
        }
        ArrayNode notes = root.putArray("notes");
        plan.notes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode backfill(Backfill b) {
        ObjectNode o = JSON.createObjectNode();
        o.put("table", b.table());
        o.put("key_column", b.keyColumn());
        if (b.isCopy()) {
            o.put("copy_into", b.copyInto());
            o.put("copy_columns", b.copyColumns());
        } else {
            o.put("set", b.setClause());
        }
        o.put("where_not_done", b.whereNotDone());
        o.put("batch_size", b.batchSize());
        o.put("pause_ms", b.pauseMs());
        o.put("remaining_sql", b.remainingSql());
        return o;
    }
}
