package dev.tideline.report;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.report.StatementView.Segment;
import dev.tideline.report.StatementView.SqlLine;
import dev.tideline.rules.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts a statement into numbered source lines and highlights, on each line a finding points at, the text from
 * the finding's column to the end of that line. Very long statements are cut so the report stays bounded.
 */
final class SqlLines {
    static final int MAX_LINES = 400;
    static final int MAX_LINE_CHARS = 1_000;

    record Result(List<SqlLine> lines, int hidden) {}

    private record Mark(int offset, String rules) {}

    private SqlLines() {}

    static Result of(SqlStatement statement, List<Finding> findings) {
        String[] text = statement.text().split("\r?\n", -1);
        Map<Integer, Mark> marks = marks(statement, findings, text);
        int shown = Math.min(text.length, MAX_LINES);
        List<SqlLine> lines = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            String line = Keys.shorten(text[i], MAX_LINE_CHARS);
            Mark mark = marks.get(i);
            List<Segment> segments = new ArrayList<>(2);
            if (mark == null) {
                segments.add(new Segment(line, ""));
            } else {
                int at = Math.min(mark.offset(), line.length());
                if (at > 0) segments.add(new Segment(line.substring(0, at), ""));
                segments.add(new Segment(line.substring(at), mark.rules()));
            }
            lines.add(new SqlLine(statement.line() + i, mark != null, segments));
        }
        return new Result(lines, text.length - shown);
    }

    private static Map<Integer, Mark> marks(SqlStatement statement, List<Finding> findings, String[] text) {
        Map<Integer, Mark> marks = new TreeMap<>();
        for (Finding f : findings) {
            int index = f.line() - statement.line();
            if (index < 0 || index >= text.length) continue;
            int offset = index == 0 ? f.column() - statement.column() : f.column() - 1;
            if (offset < 0 || offset >= text[index].length()) offset = 0;
            Mark old = marks.get(index);
            marks.put(index, old == null ? new Mark(offset, f.rule())
                    : new Mark(Math.min(old.offset(), offset),
                            old.rules().contains(f.rule()) ? old.rules() : old.rules() + ", " + f.rule()));
        }
        return marks;
    }
}
