package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.report.ReportView.TableStatsView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Table sizes next to what the migration does to each table: the risk a size implies. */
final class TableStatsViews {
    private static final long BIG_ROWS = 1_000_000;
    private static final long MEDIUM_ROWS = 10_000;

    private record Worst(LockMode mode, boolean rewriteOrScan) {}

    private TableStatsViews() {}

    static List<TableStatsView> of(List<TableStats> stats, List<FileAnalysis> files) {
        if (stats.isEmpty()) return List.of();
        Map<String, Worst> worst = new HashMap<>();
        for (FileAnalysis f : files) {
            for (AnalyzedStatement s : f.statements()) {
                boolean heavy = s.operations().stream()
                        .anyMatch(o -> o.effect() != null && (o.effect().rewrite() || o.effect().scan()));
                for (StatementLocks.Taken t : StatementLocks.of(s)) {
                    if (t.harmless()) continue;
                    worst.merge(t.lock().table().toString(), new Worst(t.lock().mode(), heavy), (a, b) -> new Worst(
                            a.mode().compareTo(b.mode()) >= 0 ? a.mode() : b.mode(), a.rewriteOrScan() || b.rewriteOrScan()));
                }
            }
        }
        List<TableStatsView> views = new ArrayList<>();
        for (TableStats t : stats) {
            Worst w = worst.get(t.table());
            String riskKey = "none";
            String risk = null;
            if (w != null) {
                boolean blocking = w.mode().blocksWrites();
                if (blocking && w.rewriteOrScan() && t.rows() >= MEDIUM_ROWS) {
                    riskKey = t.rows() >= BIG_ROWS ? "error" : "warning";
                    risk = "Read or rewritten in full under " + w.mode().sql() + ": " + Blocking.describe(w.mode())
                            + " for as long as that takes on " + rows(t.rows()) + " rows.";
                } else if (blocking) {
                    riskKey = "warning";
                    risk = w.mode().sql() + " " + Blocking.describe(w.mode()) + "; brief, unless it queues behind a long query.";
                } else {
                    riskKey = "info";
                    risk = w.mode().sql() + " " + Blocking.describe(w.mode()) + ".";
                }
            }
            views.add(new TableStatsView(t.table(), rows(t.rows()), bytes(t.bytes()), riskKey, risk));
        }
        return views;
    }

    private static String rows(long n) {
        if (n < 0) return "unknown";
        if (n >= 1_000_000) return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        if (n >= 10_000) return String.format(Locale.ROOT, "%.0f k", n / 1e3);
        return Long.toString(n);
    }

    private static String bytes(long n) {
        if (n < 0) return "unknown";
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
