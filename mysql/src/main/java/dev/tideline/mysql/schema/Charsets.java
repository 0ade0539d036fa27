package dev.tideline.mysql.schema;

import java.util.Locale;

/** Bytes per character of MySQL character sets (the maximum, which decides VARCHAR length bytes). */
public final class Charsets {
    private Charsets() {}

    /** The maximum bytes per character; 4 for an unknown or unstated charset (the worst case, utf8mb4). */
    public static int maxBytes(String charset) {
        if (charset == null) return 4;
        return switch (canonical(charset)) {
            case "latin1", "latin2", "latin5", "latin7", "ascii", "binary", "cp1250", "cp1251", "cp1256", "cp1257", "cp850",
                 "cp852", "cp866", "dec8", "greek", "hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "macce", "macroman",
                 "swe7", "tis620", "armscii8", "geostd8" -> 1;
            case "ucs2", "big5", "gbk", "sjis", "cp932", "euckr" -> 2;
            case "utf8mb3", "ujis", "eucjpms" -> 3;
            default -> 4;
        };
    }

    /** {@code utf8} is {@code utf8mb3} (MySQL 8.0, MariaDB); names compare in lower case. */
    public static String canonical(String charset) {
        String c = charset.toLowerCase(Locale.ROOT);
        return c.equals("utf8") ? "utf8mb3" : c;
    }

    /** The charset a collation belongs to ({@code utf8mb4_bin} → {@code utf8mb4}). */
    public static String ofCollation(String collation) {
        String c = collation.toLowerCase(Locale.ROOT);
        int us = c.indexOf('_');
        return canonical(us < 0 ? c : c.substring(0, us));
    }
}
