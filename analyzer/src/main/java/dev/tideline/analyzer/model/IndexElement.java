package dev.tideline.analyzer.model;

/**
 * One key element of an index, kept as written so a re-created index is the same index.
 *
 * @param column     the column of a plain column element, else null
 * @param expression the text of an expression element as written, else null
 * @param modifiers  COLLATE, operator class, ASC/DESC, NULLS FIRST/LAST as written after the column; "" when none
 */
public record IndexElement(String column, String expression, String modifiers) {
    public IndexElement {
        modifiers = modifiers == null ? "" : modifiers;
    }

    public static IndexElement of(String column) {
        return new IndexElement(column, null, "");
    }

    /** The column name, or the expression text (what lint rules compare). */
    public String key() {
        return column != null ? column : expression;
    }

    public IndexElement renamed(String from, String to) {
        return from.equals(column) ? new IndexElement(to, null, modifiers) : this;
    }

    public String sql() {
        return (column != null ? Quoting.ident(column) : expression) + (modifiers.isEmpty() ? "" : " " + modifiers);
    }
}
