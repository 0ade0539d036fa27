package dev.tideline.cli;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.cli.Main.UserError;
import dev.tideline.rules.stats.SizeRisk;
import dev.tideline.rules.stats.TableSize;
import dev.tideline.trace.TraceException;
import dev.tideline.trace.db.ConnectionSpec;
import dev.tideline.trace.stats.TableStats;
import dev.tideline.trace.stats.TableStatsReader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --db URL --stats} (a picocli mixin for lint, report and plan): live row estimates and sizes of the
 * tables the migrations lock, read strictly read-only, so findings can be rated by size.
 */
final class StatsOptions {
    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "With --stats: the database the migrations will run on, e.g. jdbc:postgresql://host/app?user=me."
                    + " Credentials from the URL, PGPASSWORD or ~/.pgpass; never printed.")
    String db;

    @Option(names = "--stats",
            description = "Read row estimates and sizes of the locked tables from --db (read-only) and rate locking findings"
                    + " by size: lowered on small tables (< 10k rows and < 10 MB), raised on large ones (> 1M rows or > 1 GB).")
    boolean stats;

    /** Table sizes from the database, or null when statistics were not asked for. */
    SizeRisk read(Analysis analysis) {
        if (stats && db == null) throw new UserError("--stats needs --db JDBC_URL");
        if (!stats) {
            if (db != null) throw new UserError("--db is only used with --stats here (to read table sizes)");
            return null;
        }
        try {
            ConnectionSpec spec = ConnectionSpec.parse(db, System.getenv());
            Map<TableRef, TableSize> sizes = new LinkedHashMap<>();
            for (Map.Entry<TableRef, TableStats> e : new TableStatsReader(spec).read(lockedTables(analysis)).entrySet()) {
                sizes.put(e.getKey(), new TableSize(e.getValue().rowEstimate(), e.getValue().totalBytes()));
            }
            return new SizeRisk(sizes);
        } catch (TraceException e) {
            throw new UserError("--stats: " + e.getMessage(), e);
        }
    }

    /** Every table the targeted statements lock; tables the database does not have (yet) are simply not found. */
    private static Set<TableRef> lockedTables(Analysis analysis) {
        Set<TableRef> tables = new LinkedHashSet<>();
        for (FileAnalysis file : analysis.files()) {
            if (!file.targeted()) continue;
            for (AnalyzedStatement s : file.statements()) {
                for (AnalyzedOperation op : s.operations()) {
                    if (op.effect() == null) continue;
                    for (TableLock lock : op.effect().locks()) tables.add(lock.table());
                }
            }
        }
        return tables;
    }
}
