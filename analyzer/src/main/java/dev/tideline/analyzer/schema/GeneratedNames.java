package dev.tideline.analyzer.schema;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The names PostgreSQL gives unnamed constraints and indexes (its {@code makeObjectName}): table, columns and a label
 * joined by underscores and cut to fit 63 bytes, the longer part losing characters first, so that a later migration
 * naming the constraint (DROP, VALIDATE, RENAME) finds it in the schema model. A clash with an existing name, which
 * PostgreSQL settles with a number, is not modelled.
 */
final class GeneratedNames {
    /** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes. */
    static final int MAX_BYTES = 63;

    private GeneratedNames() {}

    /** {@code table_col1_col2_label}, or {@code table_label} without columns. */
    static String of(String table, List<String> columns, String label) {
        String columnPart = columns.isEmpty() ? null : columnPart(columns);
        int overhead = label.length() + 1 + (columnPart == null ? 0 : 1);
        int available = MAX_BYTES - overhead;
        byte[] first = table.getBytes(StandardCharsets.UTF_8);
        byte[] second = columnPart == null ? new byte[0] : columnPart.getBytes(StandardCharsets.UTF_8);
        int firstBytes = first.length;
        int secondBytes = second.length;
        while (firstBytes + secondBytes > available) {
            if (firstBytes > secondBytes) firstBytes--;
            else secondBytes--;
        }
        StringBuilder name = new StringBuilder(clip(first, firstBytes));
        if (columnPart != null) name.append('_').append(clip(second, secondBytes));
        return name.append('_').append(label).toString();
    }

    /** The column names joined by underscores, stopped once 63 bytes are reached (ChooseIndexNameAddition). */
    private static String columnPart(List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (String column : columns) {
            if (sb.length() > 0) sb.append('_');
            sb.append(column);
            if (sb.toString().getBytes(StandardCharsets.UTF_8).length >= MAX_BYTES) break;
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        return bytes.length > MAX_BYTES ? clip(bytes, MAX_BYTES) : sb.toString();
    }

    /** The first {@code n} bytes of UTF-8 text, backed off to a character boundary (pg_mbcliplen). */
    private static String clip(byte[] utf8, int n) {
        int end = Math.min(n, utf8.length);
        while (end > 0 && end < utf8.length && (utf8[end] & 0xC0) == 0x80) end--;
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
