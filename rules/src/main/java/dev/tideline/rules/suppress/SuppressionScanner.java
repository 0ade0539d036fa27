package dev.tideline.rules.suppress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code tideline:ignore} comments in a migration's text and ties each to the statement it silences:
 * the statement the comment sits in or ends on, else the next statement after it.
 */
public final class SuppressionScanner {
    private static final Pattern COMMENT = Pattern.compile(
            "--\\s*tideline:ignore(-file)?(?![\\w-])\\s*((?:[a-z0-9][a-z0-9-]*)(?:\\s*,\\s*[a-z0-9][a-z0-9-]*)*)?\\s*(.*)$");

    private static final String MARKER = "tideline:ignore";
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\n|\r");
    private static final Pattern REASON_PREFIX = Pattern.compile("^(--|:|-)\\s*");

    /** A statement's extent as the scanner needs it: start line and end line, 1-based. */
    public record Extent(int line, int endLine) {}

    private SuppressionScanner() {}

    /**
     * @param extents statements (top-level and nested) sorted by start line
     */
    public static List<Suppression> scan(String text, List<Extent> extents) {
        List<Suppression> out = new ArrayList<>();
        if (!text.contains(MARKER)) return out; // most files: no need to split them into lines
        String[] lines = LINE_BREAK.split(text, -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = COMMENT.matcher(lines[i]);
            if (!m.find()) continue;
            int line = i + 1;
            boolean fileLevel = m.group(1) != null;
            List<String> ids = m.group(2) == null ? List.of()
                    : Arrays.stream(m.group(2).split(",")).map(String::trim).toList();
            String reason = REASON_PREFIX.matcher(m.group(3).trim()).replaceFirst("");
            int target = fileLevel ? 0 : target(line, extents);
            out.add(new Suppression(line, m.start() + 1, m.group().trim(), ids, reason, fileLevel, target));
        }
        return out;
    }

    private static int target(int line, List<Extent> extents) {
        // Innermost statement containing the comment line: the one starting last at or before it.
        Extent containing = null;
        for (Extent e : extents) {
            if (e.line() <= line && line <= e.endLine()) containing = e;
        }
        if (containing != null) {
            // A comment inside a DO block before a nested statement belongs to that nested statement.
            for (Extent e : extents) {
                if (e.line() > line && e.line() <= containing.endLine() && e != containing) return e.line();
                if (e.line() > containing.endLine()) break;
            }
            return containing.line();
        }
        for (Extent e : extents) if (e.line() > line) return e.line();
        return 0;
    }
}
