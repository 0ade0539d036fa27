package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.TableRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names PostgreSQL gives unnamed constraints and indexes (its {@code makeObjectName}): table, columns and a label
 * joined by underscores and cut to fit 63 bytes, the longer part losing characters first, so that a later migration
 * naming the constraint (DROP, VALIDATE, RENAME) finds it in the schema model, and a plan that names it explicitly
 * gives it the name the migration it replaces would have. A clash with an existing name, which PostgreSQL settles with a
 * number, is not modelled.
 */
public final class GeneratedNames {
    /** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes. */
    static final int MAX_BYTES = 63;
    /** An index column as written: a quoted or plain name, maybe with an opclass or COLLATE after it. */
    private static final Pattern QUOTED_COLUMN = Pattern.compile("^\"((?:[^\"]|\"\")+)\"(?:\\s[^()]*)?$");
    private static final Pattern PLAIN_COLUMN = Pattern.compile("^([a-z_][a-z0-9_$]*)(?:\\s[^()]*)?$");
    /** An index expression that is a function call: PostgreSQL names it after the function. */
    private static final Pattern FUNCTION_CALL = Pattern.compile("^(?:[a-z_][a-z0-9_$]*\\.)?([a-z_][a-z0-9_$]*)\\s*\\(.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private GeneratedNames() {}

    /** The name of an unnamed constraint: {@code table_columns_fkey}, {@code table_pkey}… */
    public static String constraint(TableRef table, ConstraintDef c) {
        List<String> columns = c.kind() == ConstraintDef.Kind.PRIMARY_KEY ? List.of() : c.columns();
        return of(table.name(), columns, c.kind().nameSuffix());
    }

    /** The name of an unnamed index on these columns (as written: names or expressions). */
    public static String index(TableRef table, List<String> columns) {
        return of(table.name(), indexColumnNames(columns), "idx");
    }

    /**
     * How PostgreSQL names index columns in a generated index name: a column by its name, a function call by the
     * function, any other expression "expr".
     */
    private static List<String> indexColumnNames(List<String> columns) {
        List<String> names = new ArrayList<>(columns.size());
        for (String column : columns) {
            String written = column.strip();
            Matcher quoted = QUOTED_COLUMN.matcher(written);
            Matcher plain = PLAIN_COLUMN.matcher(written);
            Matcher call = FUNCTION_CALL.matcher(written);
            if (quoted.matches()) names.add(quoted.group(1).replace("\"\"", "\""));
            else if (plain.matches()) names.add(plain.group(1));
            else if (call.matches()) names.add(call.group(1).toLowerCase(Locale.ROOT));
            else names.add("expr");
        }
        return names;
    }

    /** {@code table_col1_col2_label}, or {@code table_label} without columns. */
    private static String of(String table, List<String> columns, String label) {
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
