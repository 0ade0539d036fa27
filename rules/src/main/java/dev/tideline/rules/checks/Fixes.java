package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import java.util.List;

/** Builds the safe alternative SQL shown in findings from the operation model. */
final class Fixes {
    static final String LOCK_TIMEOUT = "SET lock_timeout = '2s';";

    private Fixes() {}

    static String createIndexConcurrently(Operation.CreateIndex ci) {
        String name = ci.name() != null ? ci.name()
                : ci.table().name() + "_" + String.join("_", ci.columns()).replaceAll("\\W+", "_") + "_idx";
        return "-- outside a transaction (a non-transactional migration):\n"
                + "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + name
                + " ON " + ci.table() + (ci.method() != null && !ci.method().equalsIgnoreCase("btree") ? " USING " + ci.method() : "")
                + " (" + String.join(", ", ci.columns()) + ")" + (ci.where() != null ? " WHERE " + ci.where() : "") + ";";
    }

    static String cols(List<String> columns) {
        return String.join(", ", columns);
    }

    static String constraintName(ConstraintDef c, TableRef table, String suffix) {
        if (c.name() != null) return c.name();
        return table.name() + (c.columns().isEmpty() ? "" : "_" + String.join("_", c.columns())) + "_" + suffix;
    }
}
