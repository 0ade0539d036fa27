package dev.tideline.mysql.lint;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.model.TableName;

/** The safe SQL and commands the wing's rules print: MySQL's own (never PostgreSQL's CONCURRENTLY or lock_timeout). */
public final class MySqlRemedies {
    private MySqlRemedies() {}

    /** A short wait for the metadata lock: MySQL's default {@code lock_wait_timeout} is one year (MariaDB's one day). */
    public static final String LOCK_WAIT_TIMEOUT = "SET SESSION lock_wait_timeout = 5;";

    /** An identifier quoted for MySQL/MariaDB: in backticks, a backtick doubled. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    public static String quote(TableName table) {
        return table.schema() == null ? quote(table.name()) : quote(table.schema()) + "." + quote(table.name());
    }

    /** An ALTER TABLE's sub-commands, for a tool's --alter: without ALTER TABLE t and without ALGORITHM/LOCK. */
    public static String subCommands(String alterTableText) {
        return alterTableText.replaceFirst("(?is)^\\s*ALTER\\s+(ONLINE\\s+|IGNORE\\s+)?TABLE\\s+(IF\\s+EXISTS\\s+)?\\S+\\s*", "")
                .replaceAll("(?i),?\\s*ALGORITHM\\s*=?\\s*\\w+", "")
                .replaceAll("(?i),?\\s*LOCK\\s*=?\\s*\\w+", "")
                .strip();
    }

    /**
     * The online schema-change tools that copy a table in the background, with the ALTER to run ({@code alter}: the
     * sub-commands without {@code ALTER TABLE t}): gh-ost (MySQL) and pt-online-schema-change (both flavours).
     */
    public static String onlineCopy(MySqlVersion version, TableName table, String alter) {
        String db = table.schema() == null ? "<database>" : table.schema();
        String a = alter.replace("\"", "\\\"");
        String pt = "pt-online-schema-change --alter \"" + a + "\" D=" + db + ",t=" + table.name() + " --execute";
        if (version.isMariaDb()) return "# an online copy (pt-online-schema-change supports MariaDB):\n" + pt;
        return "# an online copy, writes continue while the table is copied:\n"
                + "gh-ost --database=" + db + " --table=" + table.name() + " --alter=\"" + a + "\" --execute\n"
                + "# or: " + pt;
    }
}
