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
 * @param actions           what follows the key as written and must survive a re-creation: {@code MATCH …},
 *                          {@code ON DELETE …}, {@code ON UPDATE …}, {@code [NOT] DEFERRABLE}, {@code INITIALLY …};
 *                          "" when none
 */
public record ConstraintDef(
        String name,
        Kind kind,
        List<String> columns,
        TableRef referencedTable,
        List<String> referencedColumns,
        String expression,
        boolean notValid,
        String usingIndex,
        String actions) {

    public ConstraintDef {
        actions = actions == null ? "" : actions;
    }

    public ConstraintDef named(String newName) {
        return new ConstraintDef(newName, kind, columns, referencedTable, referencedColumns, expression, notValid, usingIndex, actions);
    }

    public ConstraintDef onColumns(List<String> newColumns) {
        return new ConstraintDef(name, kind, newColumns, referencedTable, referencedColumns, expression, notValid, usingIndex, actions);
    }

    /** The same constraint, checked for every row (after VALIDATE, or as a re-created copy that is validated). */
    public ConstraintDef validated() {
        return new ConstraintDef(name, kind, columns, referencedTable, referencedColumns, expression, false, usingIndex, actions);
    }

    /** {@code " " + actions}, or "" when there are none: appended to a re-emitted constraint. */
    public String actionsSql() {
        return actions.isEmpty() ? "" : " " + actions;
    }

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
