package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/**
 * A line starting {@code --X} (no space after the dashes): Flyway and Liquibase drop it as a comment, but MySQL and
 * MariaDB read two minus signs, so the same file fails (or computes something else) when the client or another runner
 * sends it to the server.
 */
@RuleInfo(id = "dash-comment-without-space", category = Category.ROBUSTNESS, severity = Severity.WARNING,
        dialects = "mysql", preview = true,
        summary = "A '--X' line: a comment to some runners, but not to the server, which needs '-- ' (dash, dash, space).")
public final class DashCommentWithoutSpace implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            if (s.called()) continue;
            String line = dashLine(s.statement().text());
            if (line == null) continue;
            report.at(s, "'" + line + "' is not a comment to the server: MySQL and MariaDB treat '--' as a comment only"
                            + " when a space or control character follows, so the mysql client (and golang-migrate, goose,"
                            + " a DBA pasting the file) sends it as SQL",
                    "-- put a space after the two dashes (or use #):\n-- " + line.substring(2));
        }
    }

    /** The first line outside quotes that starts with {@code --} and a character other than white space, else null. */
    static String dashLine(String text) {
        char quote = 0;
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') i++;
                else if (c == quote) quote = 0;
                continue;
            }
            if (c == '\n') {
                lineStart = true;
                continue;
            }
            if (lineStart && c == '-' && text.startsWith("--", i) && i + 2 < text.length()
                    && !Character.isWhitespace(text.charAt(i + 2)) && !Character.isISOControl(text.charAt(i + 2))) {
                int end = text.indexOf('\n', i);
                return text.substring(i, end < 0 ? text.length() : end).strip();
            }
            if (!Character.isWhitespace(c)) lineStart = false;
            if (c == '\'' || c == '"' || c == '`') quote = c;
        }
        return null;
    }
}
