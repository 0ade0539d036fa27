package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.report.TimelineView.Band;
import dev.tideline.report.TimelineView.Bar;
import dev.tideline.report.TimelineView.Marker;
import dev.tideline.report.TimelineView.Row;
import dev.tideline.report.TimelineView.Tick;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays out the lock timeline of one file. Each table row shows, per statement, the strongest lock held on it
 * at that point; a lock taken inside a transaction stays until the transaction's last statement.
 */
final class TimelineBuilder {
    static final int MAX_STATEMENTS = 600;
    static final int MAX_TABLES = 40;
    private static final int ROW_HEIGHT = 22;
    private static final int PLOT_TOP = 36;
    private static final int AXIS_HEIGHT = 26;
    private static final int MAX_LABEL_CHARS = 30;
    /** Wanted width of the statement axis; cells shrink to fit it, down to 3 units. */
    private static final int PLOT_WIDTH = 760;

    /** The timeline, or why there is none ({@code view} null) or why it is shortened. */
    record Result(TimelineView view, String note) {}

    private TimelineBuilder() {}

    static Result build(List<AnalyzedStatement> statements, Transactions tx, String[] worstByStatement) {
        int n = statements.size();
        if (n > MAX_STATEMENTS) {
            return new Result(null, "Lock timeline not drawn: this file has " + n + " statements (the picture stays "
                    + "readable up to " + MAX_STATEMENTS + "). Each statement below lists its locks.");
        }
        Map<String, LockMode[]> held = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            for (StatementLocks.Taken taken : StatementLocks.of(statements.get(i))) {
                if (taken.harmless()) continue;
                LockMode[] row = held.computeIfAbsent(taken.lock().table().toString(), t -> new LockMode[n]);
                LockMode mode = taken.lock().mode();
                for (int col = i; col <= tx.end(i); col++) {
                    if (row[col] == null || mode.compareTo(row[col]) > 0) row[col] = mode;
                }
            }
        }
        if (held.isEmpty()) return new Result(null, "No statement in this file locks a table that other sessions use.");
        String note = null;
        if (held.size() > MAX_TABLES) {
            note = "Lock timeline shows the first " + MAX_TABLES + " of " + held.size() + " locked tables.";
        }
        return new Result(layout(n, held, tx, worstByStatement), note);
    }

    private static TimelineView layout(int n, Map<String, LockMode[]> held, Transactions tx, String[] worst) {
        int cell = Math.max(3, Math.min(80, PLOT_WIDTH / n));
        int longest = held.keySet().stream().mapToInt(t -> Math.min(t.length(), MAX_LABEL_CHARS)).max().orElse(8);
        int left = Math.max(90, Math.min(230, longest * 7 + 20));
        int tables = Math.min(held.size(), MAX_TABLES);
        int plotBottom = PLOT_TOP + tables * ROW_HEIGHT;
        int width = left + n * cell + 12;
        int height = plotBottom + AXIS_HEIGHT;

        List<Row> rows = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        Set<LockMode> modes = EnumSet.noneOf(LockMode.class);
        int r = 0;
        for (Map.Entry<String, LockMode[]> e : held.entrySet()) {
            if (r == MAX_TABLES) break;
            int y = PLOT_TOP + r * ROW_HEIGHT;
            rows.add(new Row(y, y + ROW_HEIGHT / 2 + 4, Keys.shorten(e.getKey(), MAX_LABEL_CHARS), r % 2 == 1));
            LockMode[] row = e.getValue();
            for (int col = 0; col < n; ) {
                if (row[col] == null) {
                    col++;
                    continue;
                }
                int from = col;
                LockMode mode = row[col];
                while (col < n && row[col] == mode) col++;
                modes.add(mode);
                bars.add(new Bar(left + from * cell + 1, y + 3, (col - from) * cell - 2, ROW_HEIGHT - 6,
                        Keys.mode(mode), barTitle(e.getKey(), mode, from, col - 1)));
            }
            r++;
        }
        return new TimelineView(width, height, left, PLOT_TOP, plotBottom, rows, bands(n, tx, left, cell), bars,
                ticks(n, left, cell, plotBottom), markers(n, worst, left, cell), legend(modes));
    }

    private static String barTitle(String table, LockMode mode, int from, int to) {
        String span = from == to ? "during statement " + (from + 1) : "from statement " + (from + 1) + " to " + (to + 1);
        return table + ": " + mode.sql() + " " + span + " — " + Blocking.describe(mode);
    }

    private static List<Band> bands(int n, Transactions tx, int left, int cell) {
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (tx.ordinal(i) == 0 || tx.start(i) != i) continue;
            int x = left + i * cell;
            int w = (tx.end(i) - i + 1) * cell;
            bands.add(new Band(x, w, x + 3, w >= 36 ? "tx " + tx.ordinal(i) : ""));
        }
        return bands;
    }

    private static List<Tick> ticks(int n, int left, int cell, int plotBottom) {
        int every = Math.max(1, (int) Math.ceil(32.0 / cell));
        if (every > 1) every = every <= 5 ? 5 : every <= 10 ? 10 : every <= 25 ? 25 : 50;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int number = i + 1;
            if (every == 1 || number == 1 || number % every == 0) ticks.add(new Tick(left + i * cell + cell / 2, Integer.toString(number)));
        }
        return ticks;
    }

    private static List<Marker> markers(int n, String[] worst, int left, int cell) {
        List<Marker> markers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!"error".equals(worst[i]) && !"warning".equals(worst[i])) continue;
            int cx = left + i * cell + cell / 2;
            int half = Math.max(3, Math.min(6, cell / 2));
            markers.add(new Marker((cx - half) + ",20 " + (cx + half) + ",20 " + cx + ",30", worst[i],
                    "statement " + (i + 1) + ": " + worst[i] + " finding"));
        }
        return markers;
    }

    private static List<ReportView.Count> legend(Set<LockMode> modes) {
        List<ReportView.Count> legend = new ArrayList<>();
        for (LockMode m : modes) legend.add(new ReportView.Count(Keys.mode(m), m.sql() + " — " + Blocking.describe(m), 0));
        return legend;
    }
}
