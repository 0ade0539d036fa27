package dev.tideline.analyzer.model;

import java.util.List;

/**
 * A table constraint, written inline on a column, in CREATE TABLE, or by ADD CONSTRAINT.
 *
 * @param name              constraint name, or null when PostgreSQL will generate one
 * @param columns           constrained columns (empty for a CHECK whose columns were not extracted)
 * @param referencedTable   FOREIGN KEY target, else null
 * @param expression        CHECK expression / EXCLUDE definition text, else null
 * @param notValid          written with NOT VALID
 * @param usingIndex        index name of {@code UNIQUE/PRIMARY KEY USING INDEX idx}, else null
 */
public record ConstraintDef(
        String name,
        Kind kind,
        List<String> columns,
        TableRef referencedTable,
        List<String> referencedColumns,
        String expression,
        boolean notValid,
        String usingIndex) {

    public enum Kind {
        CHECK("check"), FOREIGN_KEY("fkey"), UNIQUE("key"), PRIMARY_KEY("pkey"), EXCLUDE("excl"), NOT_NULL("not_null");

        private final String nameSuffix;

        Kind(String nameSuffix) {
            this.nameSuffix = nameSuffix;
        }

        /** The suffix PostgreSQL gives an unnamed constraint of this kind ({@code orders_customer_id_fkey}). */
        public String nameSuffix() {
            return nameSuffix;
        }
    }
}
