package dev.tideline.api.output;

import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a lint output format needs: the findings to show, the input problems, and how to name files.
 *
 * @param diagnostics    problems with the input (from the analysis and from the command line), all shown
 * @param baseDir        file names are printed relative to this directory when they lie under it
 * @param baselineHidden findings left out because the baseline already knows them
 * @param rules          rule documentation by id, for formats that embed it (SARIF)
 */
public record LintReport(LintResult result, List<Diagnostic> diagnostics, Path baseDir, int baselineHidden,
                         Function<String, Optional<RuleDoc>> rules) {

    /** What a format may say about a rule beyond its findings. */
    public record RuleDoc(String id, String summary, String markdown) {}

    public record Summary(int files, int statements, int unparsed, long errors, long warnings) {}

    public List<Finding> findings() {
        return result.findings();
    }

    public Summary summary() {
        LintResult.Coverage c = result.coverage();
        return new Summary(c.files(), c.statements(), c.unparsed(), result.count(Severity.ERROR),
                result.count(Severity.WARNING));
    }

    /** True when some input could not be analysed: the run must not pass as clean. */
    public boolean hasInputErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** The file name as users see it: relative to the base directory, '/'-separated. */
    public String display(Path file) {
        if (file == null) return "<input>";
        Path shown = file;
        if (file.isAbsolute() && baseDir != null) {
            Path base = baseDir.toAbsolutePath().normalize();
            Path normal = file.normalize();
            if (normal.startsWith(base) && !normal.equals(base)) shown = base.relativize(normal);
        }
        return shown.toString().replace('\\', '/');
    }

    /** Words for what a lock blocks, for people and for the JSON "blocks" array. */
    public static List<String> blocks(TableLock lock) {
        List<String> blocked = new ArrayList<>(2);
        if (lock.blocksReads()) blocked.add("reads");
        if (lock.blocksWrites()) blocked.add("writes");
        return blocked;
    }

    /** "orders SHARE (blocks writes)". */
    public static String describe(TableLock lock) {
        List<String> blocked = blocks(lock);
        String effect = blocked.isEmpty() ? "blocks neither reads nor writes" : "blocks " + String.join(" and ", blocked);
        return lock.table() + " " + lock.mode().sql() + " (" + effect + (lock.referenced() ? ", via foreign key" : "") + ")";
    }

    /** A file name kept on one line: line breaks and tabs in it shown as escapes, like other control characters. */
    public static String printableName(String name) {
        return printable(name.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"));
    }

    /**
     * Text safe to print on a terminal: control characters (escape sequences from hostile files) made
     * visible, CRLF read as a line break.
     */
    public static String printable(String text) {
        if (text == null) return "";
        if (text.indexOf('\r') >= 0) text = text.replace("\r\n", "\n");
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && out == null) out = new StringBuilder(text.length() + 8).append(text, 0, i);
            if (out != null) {
                if (control) out.append(String.format("\\x%02x", (int) c));
                else out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** How a finding's statement ends, for formats that mark a region: {endLine, endColumn (exclusive)}. */
    public static int[] end(Finding finding) {
        String text = finding.statement();
        if (text == null || text.isEmpty()) return new int[] {finding.line(), finding.column() + 1};
        int lastBreak = text.lastIndexOf('\n');
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        if (lastBreak < 0) return new int[] {finding.line(), finding.column() + text.length()};
        return new int[] {finding.line() + lines, text.length() - lastBreak};
    }
}
