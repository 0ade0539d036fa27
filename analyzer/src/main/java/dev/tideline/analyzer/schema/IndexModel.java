package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.IndexElement;
import dev.tideline.analyzer.model.TableRef;
import java.util.List;

/**
 * An index (including those backing UNIQUE / PRIMARY KEY constraints), with what it takes to build it again as it is.
 *
 * @param method  access method as written (USING gin), or null for the default
 * @param options INCLUDE, NULLS [NOT] DISTINCT, WITH (…), TABLESPACE as written; "" when none
 */
public record IndexModel(TableRef name, TableRef table, List<IndexElement> elements, boolean unique, String where,
                         String method, String options) {
    public IndexModel {
        elements = List.copyOf(elements);
        options = options == null ? "" : options;
    }

    /** A constraint's index on plain columns. */
    public static IndexModel onColumns(TableRef name, TableRef table, List<String> columns, boolean unique) {
        return new IndexModel(name, table, columns.stream().map(IndexElement::of).toList(), unique, null, null, "");
    }

    /** Column names of plain elements, expression text of the others. */
    public List<String> columns() {
        return elements.stream().map(IndexElement::key).toList();
    }

    public IndexModel withName(TableRef newName, TableRef newTable) {
        return new IndexModel(newName, newTable, elements, unique, where, method, options);
    }

    public IndexModel withColumnRenamed(String from, String to) {
        return new IndexModel(name, table, elements.stream().map(e -> e.renamed(from, to)).toList(), unique, where, method, options);
    }

    /** What follows {@code ON table} in CREATE INDEX: method, elements, options and predicate as written. */
    public String definition() {
        return definition(elements, method, options, where);
    }

    public static String definition(List<IndexElement> elements, String method, String options, String where) {
        return (method != null && !method.equalsIgnoreCase("btree") ? " USING " + method : "")
                + " (" + String.join(", ", elements.stream().map(IndexElement::sql).toList()) + ")"
                + (options == null || options.isEmpty() ? "" : " " + options) + (where != null ? " WHERE " + where : "");
    }
}
