package dev.tideline.cli.live;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.source.Splitter;
import dev.tideline.cli.Main;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Runs plan steps the way a migration runner would: a transactional step's statements in one transaction, a
 * non-transactional step's statements one by one in autocommit (CONCURRENTLY must run outside a transaction block),
 * and a backfill step with {@code tideline backfill}, the command the plan generates for it.
 */
final class PlanRunner {
    private final ScratchDb db;

    PlanRunner(ScratchDb db) {
        this.db = db;
    }

    void run(Step step) throws SQLException {
        if (step.backfill() != null && !step.backfill().isCopy()) {
            backfill(step.backfill());
            return;
        }
        runSql(step.sql(), step.transactional());
    }

    /** The naive migration, as Flyway runs a file: all of it in one transaction. */
    void runSql(String sql, boolean transactional) throws SQLException {
        try (Connection c = db.connect("tideline-migration"); Statement st = c.createStatement()) {
            c.setAutoCommit(!transactional);
            for (String statement : statements(sql)) st.execute(statement);
            if (transactional) c.commit();
        }
    }

    private void backfill(Backfill job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "backfill", "--db", db.url(), "--table", job.table(), "--key", job.keyColumn(), "--set", job.setClause(),
                "--where", job.whereNotDone(), "--batch-size", String.valueOf(job.batchSize()),
                "--pause", job.pauseMs() + "ms", "--retries", "30");
        if (exit != 0) {
            throw new IllegalStateException("tideline backfill exited " + exit + ":\n" + out.toString(StandardCharsets.UTF_8)
                    + err.toString(StandardCharsets.UTF_8));
        }
    }

    static List<String> statements(String sql) {
        return new Splitter(Map.of()).split(Path.of("step.sql"), sql).statements().stream().map(SqlStatement::text).toList();
    }
}
