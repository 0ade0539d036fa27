package dev.tideline.cli.proving;

import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Linter;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Planner;
import dev.tideline.rules.plan.PlannerOptions;
import dev.tideline.rules.plan.Step;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Plans a migration file (its earlier files replayed) and runs plan steps the way a migration runner would. */
final class PlanApply {
    static final PgVersion PG = new PgVersion(15);
    /** Short waits: a proving run must stay fast, and a step that cannot get its lock is a failure to see. */
    static final PlannerOptions OPTIONS = new PlannerOptions(PG, 5000, 60000, true, 3, 500, 0);

    private PlanApply() {}

    /** The plan for {@code change}; the runner layout (and so the earlier files) is detected from its folder. */
    static Plan plan(Path change, Runner runner) {
        TidelineConfig config = TidelineConfig.defaults().withPgVersion(PG);
        if (runner != null) config = config.withRunner(runner);
        var lint = new Linter(config).lint(new Analyzer(config.analyzerOptions()).analyze(List.of(change)));
        return new Planner(OPTIONS).plan(lint);
    }

    /** A transactional step in one transaction; a non-transactional one (CONCURRENTLY, batches) in autocommit. */
    static void run(Connection c, Step step) throws SQLException {
        c.setAutoCommit(!step.transactional());
        try (Statement st = c.createStatement()) {
            st.execute(step.sql());
            if (step.transactional()) c.commit();
        } catch (SQLException e) {
            if (step.transactional()) c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
