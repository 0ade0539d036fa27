package dev.tideline.mysql.plan;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.model.TableName;

/**
 * The exact command of an online schema-change tool for an ALTER that would copy the table with writes blocked: the
 * tool copies it in the background while writes go on, follows the changes (binlog or triggers), throttles on load and
 * replica lag, and swaps the tables in a short cut-over that gives up (and tries again) rather than queue. gh-ost and
 * Spirit refuse tables with foreign keys; pt-online-schema-change handles them, and is the one that supports MariaDB.
 */
final class OnlineCopy {
    private OnlineCopy() {}

    /**
     * @param alter         the ALTER's sub-commands, without {@code ALTER TABLE t}
     * @param foreignKeys   the table has foreign keys (either side)
     * @param lockWaitSeconds the cut-over's wait for its metadata lock
     */
    static String command(MySqlVersion version, TableName table, String alter, boolean foreignKeys, int lockWaitSeconds) {
        String db = table.schema() == null ? "<database>" : table.schema();
        String pt = "pt-online-schema-change --alter " + shell(alter) + " D=" + shell(db) + ",t=" + shell(table.name()) + " \\\n"
                + "  --host=<host> --user=<user> --ask-pass \\\n"
                + "  --max-load Threads_running=25 --critical-load Threads_running=100 --max-lag 1 --chunk-time 0.5 \\\n"
                + "  --set-vars lock_wait_timeout=" + lockWaitSeconds + " --tries create_triggers:10:1,drop_triggers:10:1,swap_tables:10:1 \\\n"
                + (foreignKeys ? "  --alter-foreign-keys-method=auto \\\n" : "")
                + "  --execute";
        if (version.isMariaDb() || foreignKeys) {
            return "# pt-online-schema-change (" + (foreignKeys ? "the table has foreign keys, which gh-ost and Spirit refuse"
                    : "gh-ost and Spirit do not support MariaDB") + "):\n" + pt;
        }
        return "# gh-ost (binlog-based: needs binlog_format=ROW; postpones the cut-over while the flag file exists):\n"
                + "gh-ost --host=<host> --user=<user> --ask-pass --database=" + shell(db) + " --table=" + shell(table.name()) + " \\\n"
                + "  --alter=" + shell(alter) + " \\\n"
                + "  --max-load=Threads_running=25 --critical-load=Threads_running=100 --max-lag-millis=1500 --chunk-size=1000 \\\n"
                + "  --cut-over=default --cut-over-lock-timeout-seconds=" + lockWaitSeconds + " --default-retries=120 \\\n"
                + "  --postpone-cut-over-flag-file=/tmp/ghost.postpone." + table.name().replaceAll("\\W", "_") + ".flag \\\n"
                + "  --assume-rbr --verbose --execute\n"
                + "# or Spirit (MySQL 8.0+):\n"
                + "spirit --host=<host>:3306 --username=<user> --password=<password> --database=" + shell(db)
                + " --table=" + shell(table.name()) + " \\\n"
                + "  --alter=" + shell(alter) + " --threads=2 --target-chunk-time=500ms --lock-wait-timeout=" + lockWaitSeconds + "s\n"
                + "# or:\n" + pt;
    }

    /** One shell word, in single quotes (a quote inside closes, escapes and reopens them). */
    static String shell(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
