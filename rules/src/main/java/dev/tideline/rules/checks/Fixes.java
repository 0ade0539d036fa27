package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import java.util.List;

/** Builds the safe alternative SQL shown in findings from the operation model. */
final class Fixes {
    static final String LOCK_TIMEOUT_VALUE = "2s";
    static final String LOCK_TIMEOUT = "SET lock_timeout = '" + LOCK_TIMEOUT_VALUE + "';";
    static final String STATEMENT_TIMEOUT_VALUE = "5min";

    private Fixes() {}

    static String createIndexConcurrently(Operation.CreateIndex ci) {
        String name = Quoting.ident(ci.name() != null ? ci.name()
                : ci.table().name() + "_" + String.join("_", ci.columns()).replaceAll("\\W+", "_") + "_idx");
        return "-- outside a transaction (a non-transactional migration):\n"
                + "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + name
                + " ON " + Quoting.table(ci.table()) + (ci.method() != null && !ci.method().equalsIgnoreCase("btree") ? " USING " + ci.method() : "")
                + " (" + cols(ci.columns()) + ")" + (ci.where() != null ? " WHERE " + ci.where() : "") + ";";
    }

    /** Column names as SQL (quoted as needed); an index expression stays as written. */
    static String cols(List<String> columns) {
        return String.join(", ", columns.stream().map(Fixes::column).toList());
    }

    /** A column name as SQL; an expression (an index on {@code lower(email)}) is kept as written. */
    static String column(String column) {
        return column.contains("(") ? column : Quoting.ident(column);
    }

    /** The constraint's name as SQL: its own, else the one PostgreSQL would give it. */
    static String constraintName(ConstraintDef c, TableRef table, String suffix) {
        if (c.name() != null) return Quoting.ident(c.name());
        return Quoting.ident(table.name() + (c.columns().isEmpty() ? "" : "_" + String.join("_", c.columns())) + "_" + suffix);
    }
}
