package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.report.ReportView.TableStatsView;
import dev.tideline.rules.stats.TableSize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Table sizes next to what the migration does to each table: the risk a size implies. */
final class TableStatsViews {
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
            TableSize size = new TableSize(t.rows(), t.bytes());
            Worst w = worst.get(t.table());
            String riskKey = "none";
            String risk = null;
            if (w != null) {
                boolean blocking = w.mode().blocksWrites();
                if (blocking && w.rewriteOrScan() && !size.small()) {
                    riskKey = size.large() ? "error" : "warning";
                    risk = "Read or rewritten in full under " + w.mode().sql() + ": " + Blocking.describe(w.mode())
                            + " for as long as that takes on " + size.describe() + ".";
                } else if (blocking) {
                    riskKey = "warning";
                    risk = w.mode().sql() + " " + Blocking.describe(w.mode()) + "; brief, unless it queues behind a long query.";
                } else {
                    riskKey = "info";
                    risk = w.mode().sql() + " " + Blocking.describe(w.mode()) + ".";
                }
            }
            views.add(new TableStatsView(t.table(), size.rowsText(), size.bytesText(), riskKey, risk));
        }
        return views;
    }
}
