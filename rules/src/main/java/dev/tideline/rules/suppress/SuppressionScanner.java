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
    private static final String AFTER_MARKER =
            "\\s*tideline:ignore(-file)?(?![\\w-])\\s*((?:[a-z0-9][a-z0-9-]*)(?:\\s*,\\s*[a-z0-9][a-z0-9-]*)*)?\\s*(.*)$";
    private static final Pattern COMMENT = Pattern.compile("--" + AFTER_MARKER);
    /** MySQL also reads {@code #} to the end of the line as a comment. */
    private static final Pattern COMMENT_OR_HASH = Pattern.compile("(?:--|#)" + AFTER_MARKER);

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
        return scan(text, extents, false);
    }

    /**
     * @param extents      statements (top-level and nested) sorted by start line
     * @param hashComments {@code #} starts a comment too (MySQL, MariaDB)
     */
    public static List<Suppression> scan(String text, List<Extent> extents, boolean hashComments) {
        Pattern comment = hashComments ? COMMENT_OR_HASH : COMMENT;
        List<Suppression> out = new ArrayList<>();
        if (!text.contains(MARKER)) return out; // most files: no need to split them into lines
        String[] lines = LINE_BREAK.split(text, -1);
        int[] reach = reach(extents);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = comment.matcher(lines[i]);
            if (!m.find()) continue;
            int line = i + 1;
            boolean fileLevel = m.group(1) != null;
            List<String> ids = m.group(2) == null ? List.of()
                    : Arrays.stream(m.group(2).split(",")).map(String::trim).toList();
            String reason = REASON_PREFIX.matcher(m.group(3).trim()).replaceFirst("");
            int target = fileLevel ? 0 : target(line, extents, reach);
            out.add(new Suppression(line, m.start() + 1, m.group().trim(), ids, reason, fileLevel, target));
        }
        return out;
    }

    /**
     * The statement line a suppression at {@code line} silences: the innermost statement containing the comment (a
     * comment inside a DO block before a nested statement belongs to that nested statement), else the next statement.
     * Binary search, so a file of many suppressions is not quadratic.
     *
     * @param reach {@code reach[i]}: the last end line of {@code extents[0..i]}
     */
    private static int target(int line, List<Extent> extents, int[] reach) {
        int after = firstStartingAfter(line, extents);
        // The innermost containing statement is the last one starting at or before the line that reaches it.
        Extent containing = null;
        for (int i = after - 1; i >= 0 && reach[i] >= line; i--) {
            if (extents.get(i).endLine() >= line) {
                containing = extents.get(i);
                break;
            }
        }
        Extent next = after < extents.size() ? extents.get(after) : null;
        if (containing != null) return next != null && next.line() <= containing.endLine() ? next.line() : containing.line();
        return next != null ? next.line() : 0;
    }

    private static int firstStartingAfter(int line, List<Extent> extents) {
        int lo = 0;
        int hi = extents.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (extents.get(mid).line() <= line) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int[] reach(List<Extent> extents) {
        int[] reach = new int[extents.size()];
        int max = 0;
        for (int i = 0; i < reach.length; i++) reach[i] = max = Math.max(max, extents.get(i).endLine());
        return reach;
    }
}
