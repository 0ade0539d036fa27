package dev.tideline.mysql.model;

/**
 * A column definition as written in CREATE TABLE, ADD/MODIFY/CHANGE COLUMN.
 *
 * @param nullable     TRUE for {@code NULL}, FALSE for {@code NOT NULL} (or PRIMARY KEY), null when not written
 * @param defaultValue null when no DEFAULT was written
 * @param charset      {@code CHARACTER SET}/{@code CHARSET} of the column (in the type or after it), null if not written
 * @param generated    VIRTUAL or STORED for a generated column ({@code AS (…)}), null for an ordinary one
 * @param inlineKey    PRIMARY or UNIQUE when the definition declares that key, else null
 * @param references   the table of an inline {@code REFERENCES} (which MySQL parses and ignores), else null
 */
public record ColumnDefinition(String name, MySqlType type, Boolean nullable, DefaultValue defaultValue,
                               boolean autoIncrement, String charset, String collation, String comment,
                               Generated generated, IndexKind inlineKey, String references) {
    public enum Generated { VIRTUAL, STORED }

    /** The charset in effect as written: the column's own, else the one written inside the type. */
    public String writtenCharset() {
        return charset != null ? charset : type.charset();
    }

    public String writtenCollation() {
        return collation != null ? collation : type.collation();
    }
}
